// Operations the BPF instruction set (CPU v2, what tracekit targets so that programs load on
// old kernels) cannot express, reported at the user's line and column. Left to the backend,
// they end the compile with an LLVM fatal error whose message names DAG nodes.
//   - signed division and remainder: BPF divides unsigned only (before cpu v4);
//   - stack arrays whose size is known only at run time.
// Runs after optimisation, which folds many signed divisions by constants away.
#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/Module.h>

#include "compiler/ir/ir_passes.h"

namespace tracekit::compiler {
namespace {

std::string where(const llvm::Instruction& inst) {
  if (const llvm::DebugLoc& loc = inst.getDebugLoc())
    return loc->getFilename().str() + ":" + std::to_string(loc.getLine()) + ":" + std::to_string(loc.getCol()) +
           ": ";
  return "in '" + inst.getFunction()->getName().str() + "': ";
}

}  // namespace

Status check_supported_operations(llvm::Module& m) {
  std::string errors;
  for (llvm::Function& fn : m) {
    for (llvm::Instruction& inst : llvm::instructions(fn)) {
      unsigned op = inst.getOpcode();
      if (op == llvm::Instruction::SDiv || op == llvm::Instruction::SRem) {
        errors += where(inst) + "error: BPF has no signed " +
                  std::string(op == llvm::Instruction::SDiv ? "division" : "remainder") +
                  "; make an operand unsigned (e.g. (u64)x " + (op == llvm::Instruction::SDiv ? "/" : "%") +
                  " y)\n";
      } else if (auto* alloca = llvm::dyn_cast<llvm::AllocaInst>(&inst); alloca && !alloca->isStaticAlloca()) {
        errors += where(inst) + "error: a stack array's size must be a constant in BPF programs\n";
      }
    }
  }
  if (!errors.empty()) return Error::compile(errors);
  return ok_status();
}

}  // namespace tracekit::compiler
