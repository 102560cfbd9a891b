#include "compiler/ir/bpf_ir.h"

#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/Module.h>

namespace tracekit::compiler::bpf_ir {

const unsigned kCallArgRegs[6] = {kDi, kSi, kDx, kCx, kR8, kR9};
const unsigned kSyscallArgRegs[6] = {kDi, kSi, kDx, kR10, kR8, kR9};

llvm::CallInst* call_helper(llvm::IRBuilder<>& b, unsigned id, llvm::Type* ret,
                            llvm::ArrayRef<llvm::Value*> args) {
  std::vector<llvm::Type*> params;
  for (llvm::Value* a : args) params.push_back(a->getType());
  auto* type = llvm::FunctionType::get(ret, params, false);
  llvm::Value* target = llvm::ConstantExpr::getIntToPtr(b.getInt64(id), b.getPtrTy());
  return b.CreateCall(type, target, args);
}

unsigned helper_id(const llvm::CallBase& call) {
  const auto* ce = llvm::dyn_cast<llvm::ConstantExpr>(call.getCalledOperand());
  if (!ce || ce->getOpcode() != llvm::Instruction::IntToPtr) return 0;
  const auto* id = llvm::dyn_cast<llvm::ConstantInt>(ce->getOperand(0));
  return id ? unsigned(id->getZExtValue()) : 0;
}

llvm::Value* make_user_pointer(llvm::IRBuilder<>& b, llvm::Module& m, llvm::Value* value) {
  llvm::FunctionCallee marker = m.getOrInsertFunction(
      kUserPointerMarker, llvm::FunctionType::get(b.getPtrTy(), {b.getInt64Ty()}, false));
  auto* fn = llvm::cast<llvm::Function>(marker.getCallee());
  fn->setDoesNotAccessMemory();
  fn->setDoesNotThrow();
  fn->addFnAttr(llvm::Attribute::WillReturn);
  return b.CreateCall(marker, {value});
}

llvm::Value* load_u64_at(llvm::IRBuilder<>& b, llvm::Value* base, unsigned offset) {
  llvm::Value* addr = b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), base, offset);
  return b.CreateLoad(b.getInt64Ty(), addr);
}

llvm::Value* from_u64(llvm::IRBuilder<>& b, llvm::Value* raw, llvm::Type* type) {
  if (type->isPointerTy()) return b.CreateIntToPtr(raw, type);
  if (type->isIntegerTy(64)) return raw;
  if (type->isIntegerTy()) return b.CreateTrunc(raw, type);
  return llvm::UndefValue::get(type);
}

llvm::AllocaInst* entry_alloca(llvm::Function& fn, llvm::Type* type, const char* name) {
  llvm::IRBuilder<> b(&*fn.getEntryBlock().getFirstInsertionPt());
  return b.CreateAlloca(type, nullptr, name);
}

void clone_debug_subprogram(llvm::Function& fn, const llvm::Function& like) {
  llvm::DISubprogram* sp = like.getSubprogram();
  if (!sp) return;
  llvm::LLVMContext& ctx = fn.getContext();
  llvm::SmallVector<llvm::Metadata*, 4> types;
  if (auto* st = sp->getType()) {
    auto array = st->getTypeArray();
    for (unsigned i = 0; i < array.size() && i <= fn.arg_size(); ++i) types.push_back(array[i]);
  }
  auto* type = llvm::DISubroutineType::get(ctx, llvm::DINode::FlagZero, 0,
                                           llvm::DITypeRefArray(llvm::MDTuple::get(ctx, types)));
  auto* clone = llvm::DISubprogram::getDistinct(
      ctx, sp->getScope(), fn.getName(), fn.getName(), sp->getFile(), sp->getLine(), type,
      sp->getScopeLine(), nullptr, 0, 0, sp->getFlags(), sp->getSPFlags(), sp->getUnit());
  fn.setSubprogram(clone);
}

}  // namespace tracekit::compiler::bpf_ir
