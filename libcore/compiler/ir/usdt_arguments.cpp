// Links bpf_usdt_readarg(N, ctx, &dst) to the reader generated for the calling program:
// `__tk_usdt_readarg(N, ctx, dst, size)` in function F becomes `_bpf_readarg_F_N(ctx, dst,
// size)`. Runs before inlining, while F is still the function the call was written in; the
// front end (frontend/usdt_arguments.cpp) already checked that the reader exists.
#include <llvm/IR/Constants.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/Module.h>

#include "compiler/ir/ir_passes.h"

namespace tracekit::compiler {

Status link_usdt_arguments(llvm::Module& m) {
  llvm::Function* marker = m.getFunction("__tk_usdt_readarg");
  if (!marker) return ok_status();
  std::vector<llvm::CallInst*> calls;
  for (llvm::User* u : marker->users())
    if (auto* call = llvm::dyn_cast<llvm::CallInst>(u)) calls.push_back(call);
  for (llvm::CallInst* call : calls) {
    std::string caller = call->getFunction()->getName().str();
    auto* index = llvm::dyn_cast<llvm::ConstantInt>(call->getArgOperand(0));
    if (!index) return Error::compile("bpf_usdt_readarg() in '" + caller + "': the index must be a constant");
    std::string name = "_bpf_readarg_" + caller + "_" + std::to_string(index->getSExtValue());
    llvm::Function* reader = m.getFunction(name);
    if (!reader || reader->isDeclaration() || reader->arg_size() != 3)
      return Error::compile("bpf_usdt_readarg() in '" + caller + "': no USDT reader '" + name + "'");
    llvm::IRBuilder<> b(call);
    std::vector<llvm::Value*> args;
    for (unsigned i = 0; i < 3; ++i) {
      llvm::Value* v = call->getArgOperand(i + 1);
      llvm::Type* want = reader->getArg(i)->getType();
      if (v->getType() != want) v = v->getType()->isIntegerTy() ? b.CreateZExtOrTrunc(v, want) : v;
      args.push_back(v);
    }
    llvm::CallInst* lowered = b.CreateCall(reader, args);
    lowered->setDebugLoc(call->getDebugLoc());
    llvm::Value* result = lowered;
    if (!call->getType()->isVoidTy() && result->getType() != call->getType())
      result = b.CreateSExtOrTrunc(result, call->getType());
    if (!call->getType()->isVoidTy()) call->replaceAllUsesWith(result);
    call->eraseFromParent();
  }
  if (marker->use_empty()) marker->eraseFromParent();
  return ok_status();
}

}  // namespace tracekit::compiler
