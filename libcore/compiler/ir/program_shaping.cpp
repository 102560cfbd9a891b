// Gives the module the shape libbpf expects: each program in its own section with external
// linkage; every other function internal and always inlined (BCC's rule, and what kernels
// without BPF-to-BPF calls need), and dropped when unused; one license; no compiler
// bookkeeping globals.
#include <llvm/IR/Constants.h>
#include <llvm/IR/Module.h>
#include <llvm/Transforms/Utils/ModuleUtils.h>

#include <functional>

#include "compiler/ir/ir_passes.h"

namespace tracekit::compiler {
namespace {

constexpr const char* kDefaultLicense = "__tk_default_license";

// Rebuilds llvm.used / llvm.compiler.used keeping only the values `keep` accepts.
void filter_used_list(llvm::Module& m, const char* list, const std::function<bool(llvm::GlobalValue*)>& keep) {
  llvm::GlobalVariable* used = m.getNamedGlobal(list);
  if (!used || !used->hasInitializer()) return;
  auto* array = llvm::dyn_cast<llvm::ConstantArray>(used->getInitializer());
  if (!array) return;
  std::vector<llvm::GlobalValue*> values;
  for (llvm::Value* op : array->operands())
    if (auto* gv = llvm::dyn_cast<llvm::GlobalValue>(llvm::cast<llvm::Constant>(op)->stripPointerCasts()))
      if (keep(gv)) values.push_back(gv);
  used->eraseFromParent();
  if (values.empty()) return;
  if (std::string(list) == "llvm.used")
    llvm::appendToUsed(m, values);
  else
    llvm::appendToCompilerUsed(m, values);
}

// tables.h marks its method implementations `used` only so that Clang emits them; once the
// method calls are lowered, the unused ones may go.
void release_used_functions(llvm::Module& m) {
  auto not_function = [](llvm::GlobalValue* gv) { return !llvm::isa<llvm::Function>(gv); };
  filter_used_list(m, "llvm.used", not_function);
  filter_used_list(m, "llvm.compiler.used", not_function);
}

// Every function that is not a program is inlined into the programs that call it; the ones
// nothing calls (the table methods a program does not use, unused static helpers) go now,
// before -O2 spends time optimising them.
void drop_unused_functions(llvm::Module& m) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (llvm::Function& fn : llvm::make_early_inc_range(m)) {
      if (fn.isDeclaration() || !fn.hasLocalLinkage()) continue;
      fn.removeDeadConstantUsers();
      if (!fn.use_empty()) continue;
      fn.eraseFromParent();
      changed = true;
    }
  }
}

}  // namespace

Status shape_programs(llvm::Module& m, const Analysis& analysis) {
  release_used_functions(m);
  if (auto* annotations = m.getNamedGlobal("llvm.global.annotations")) annotations->eraseFromParent();

  for (llvm::Function& fn : m) {
    if (fn.isDeclaration()) continue;
    const ProgramDecl* program = nullptr;
    for (const auto& p : analysis.programs)
      if (p.name == fn.getName()) program = &p;
    if (program) {
      fn.setSection(program->section);
      fn.setLinkage(llvm::GlobalValue::ExternalLinkage);
      fn.removeFnAttr(llvm::Attribute::NoInline);
      fn.removeFnAttr(llvm::Attribute::OptimizeNone);
    } else {
      fn.setLinkage(llvm::GlobalValue::InternalLinkage);
      fn.removeFnAttr(llvm::Attribute::NoInline);
      fn.removeFnAttr(llvm::Attribute::OptimizeNone);
      fn.addFnAttr(llvm::Attribute::AlwaysInline);
    }
  }

  bool other_license = false;
  for (llvm::GlobalVariable& gv : m.globals())
    if (gv.getSection() == "license" && gv.getName() != kDefaultLicense) other_license = true;
  if (other_license)
    if (auto* ours = m.getNamedGlobal(kDefaultLicense)) {
      auto not_ours = [ours](llvm::GlobalValue* gv) { return gv != ours; };
      filter_used_list(m, "llvm.used", not_ours);
      filter_used_list(m, "llvm.compiler.used", not_ours);
      if (ours->use_empty()) ours->eraseFromParent();
    }
  drop_unused_functions(m);
  return ok_status();
}

}  // namespace tracekit::compiler
