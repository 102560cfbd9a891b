// Lowers calls through a table's method members. Clang compiled `counts.increment(k)` as a
// load of the never-set function pointer at counts+offset and an indirect call through it; the
// call becomes a direct call to the implementation in <tracekit/tables.h>:
//   generic methods    __tk_method_<method>(&table, args...)
//   typed methods      __tk_table_<table>__increment(key, amount, atomic)
// The table-method member offsets come from the AST pass (frontend/table_declarations.cpp).
#include <llvm/IR/Constants.h>
#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Operator.h>

#include <optional>

#include "compiler/ir/ir_passes.h"

namespace tracekit::compiler {
namespace {

std::string where(const llvm::Instruction& inst) {
  if (const llvm::DebugLoc& loc = inst.getDebugLoc())
    return loc->getFilename().str() + ":" + std::to_string(loc.getLine()) + ":" +
           std::to_string(loc.getCol()) + ": ";
  return "";
}

// Adapts an argument to the parameter type of the implementation (integer widths only; the
// member prototypes in tables.h otherwise match the implementations exactly).
llvm::Value* adapt(llvm::IRBuilder<>& b, llvm::Value* v, llvm::Type* to) {
  if (v->getType() == to) return v;
  if (v->getType()->isIntegerTy() && to->isIntegerTy()) return b.CreateSExtOrTrunc(v, to);
  if (v->getType()->isPointerTy() && to->isIntegerTy()) return b.CreatePtrToInt(v, to);
  if (v->getType()->isIntegerTy() && to->isPointerTy()) return b.CreateIntToPtr(v, to);
  return v;
}

Status lower_call(llvm::Module& m, llvm::GlobalVariable& table, const MapDecl& map,
                  const std::string& method, llvm::CallInst& call) {
  llvm::IRBuilder<> b(&call);
  llvm::Function* impl = nullptr;
  std::vector<llvm::Value*> args;
  if (method == "increment" || method == "atomic_increment") {
    impl = m.getFunction("__tk_table_" + map.name + "__increment");
    if (!impl) return Error::internal("missing increment implementation for table '" + map.name + "'");
    // The key is passed by value, as the target's calling convention passes that type: one
    // argument on BPF, possibly split in two registers on x86_64 (headers mode). Both sides
    // of the call follow the same convention; the implementation adds (amount, atomic).
    if (impl->arg_size() < 3 || call.arg_size() < impl->arg_size() - 2)
      return Error::compile(where(call) + "table '" + map.name + "': " + method + "() needs a key");
    unsigned key_parts = impl->arg_size() - 2;
    for (unsigned i = 0; i < key_parts; ++i) args.push_back(call.getArgOperand(i));
    args.push_back(call.arg_size() > key_parts ? call.getArgOperand(key_parts) : b.getInt64(1));
    args.push_back(b.getInt32(method == "atomic_increment"));
  } else {
    impl = m.getFunction("__tk_method_" + method);
    if (!impl) return Error::internal("missing implementation of table method '" + method + "'");
    args.push_back(&table);
    for (llvm::Value* a : call.args()) args.push_back(a);
  }
  if (args.size() != impl->arg_size())
    return Error::compile(where(call) + "table '" + map.name + "': wrong number of arguments to " +
                          method + "()");
  for (unsigned i = 0; i < args.size(); ++i) args[i] = adapt(b, args[i], impl->getArg(i)->getType());
  llvm::CallInst* lowered = b.CreateCall(impl, args);
  lowered->setDebugLoc(call.getDebugLoc());
  // Keep by-value struct keys passed the way the caller passed them (byval pointer).
  if (impl->hasParamAttribute(0, llvm::Attribute::ByVal) && call.paramHasAttr(0, llvm::Attribute::ByVal))
    lowered->addParamAttr(0, call.getParamAttr(0, llvm::Attribute::ByVal));
  if (!call.getType()->isVoidTy()) {
    llvm::Value* result = lowered;
    if (result->getType() != call.getType()) result = adapt(b, result, call.getType());
    call.replaceAllUsesWith(result);
  }
  call.eraseFromParent();
  return ok_status();
}

// Byte offset of `ptr` from `table`, if ptr is table or a constant GEP on it.
std::optional<uint64_t> offset_into(const llvm::Value* ptr, const llvm::GlobalVariable& table,
                                    const llvm::DataLayout& dl) {
  if (ptr == &table) return 0;
  if (const auto* gep = llvm::dyn_cast<llvm::GEPOperator>(ptr)) {
    if (gep->getPointerOperand()->stripPointerCasts() != &table) return std::nullopt;
    llvm::APInt offset(64, 0);
    if (!gep->accumulateConstantOffset(dl, offset)) return std::nullopt;
    return offset.getZExtValue();
  }
  return std::nullopt;
}

}  // namespace

Status lower_table_method_calls(llvm::Module& m, const Analysis& analysis) {
  const llvm::DataLayout& dl = m.getDataLayout();
  std::vector<const MapDecl*> tables;
  for (const MapDecl& map : analysis.maps) tables.push_back(&map);
  // tracekit's own tables (USDT argument specs, the twins' registers) have methods too.
  for (const MapDecl& map : analysis.internal_maps) tables.push_back(&map);
  for (const MapDecl* table_decl : tables) {
    const MapDecl& map = *table_decl;
    llvm::GlobalVariable* table = m.getNamedGlobal(map.name);
    if (!table) continue;
    // Collect loads of method members first; lowering mutates the use lists.
    std::vector<std::pair<llvm::LoadInst*, std::string>> loads;
    std::vector<llvm::User*> pending(table->user_begin(), table->user_end());
    while (!pending.empty()) {
      llvm::User* user = pending.back();
      pending.pop_back();
      if (auto* load = llvm::dyn_cast<llvm::LoadInst>(user)) {
        auto offset = offset_into(load->getPointerOperand(), *table, dl);
        if (!offset) continue;
        auto it = map.methods.find(*offset);
        if (it != map.methods.end()) loads.emplace_back(load, it->second);
      } else if (llvm::isa<llvm::GEPOperator>(user) || llvm::isa<llvm::BitCastOperator>(user)) {
        for (llvm::User* u : user->users()) pending.push_back(u);
      }
    }
    for (auto& [load, method] : loads) {
      std::vector<llvm::CallInst*> calls;
      for (llvm::User* u : load->users()) {
        auto* call = llvm::dyn_cast<llvm::CallInst>(u);
        if (!call || call->getCalledOperand() != load)
          return Error::compile(where(*load) + "table method '" + map.name + "." + method +
                                "' can only be called, not used as a value");
        calls.push_back(call);
      }
      for (llvm::CallInst* call : calls) TK_TRY(lower_call(m, *table, map, method, *call));
      load->eraseFromParent();
    }
  }
  return ok_status();
}

}  // namespace tracekit::compiler
