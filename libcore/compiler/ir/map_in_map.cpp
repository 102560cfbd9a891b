// Maps of maps (BPF_ARRAY_OF_MAPS, BPF_HASH_OF_MAPS) name their inner table with a string, as
// BCC does, so C cannot refer to its type. libbpf learns an inner map's shape from a last
// member `values`, a zero-length array of pointers to the inner map's definition; this pass
// adds that member to the outer table's debug-info type, from which the BPF backend writes
// the BTF libbpf reads. The inner table's own struct is the definition.
#include <llvm/BinaryFormat/Dwarf.h>
#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/Module.h>

#include "compiler/ir/ir_passes.h"

namespace tracekit::compiler {
namespace {

llvm::DICompositeType* table_type(llvm::GlobalVariable& table) {
  llvm::SmallVector<llvm::DIGlobalVariableExpression*, 1> exprs;
  table.getDebugInfo(exprs);
  if (exprs.empty()) return nullptr;
  llvm::DIType* type = exprs.front()->getVariable()->getType();
  while (auto* derived = llvm::dyn_cast_or_null<llvm::DIDerivedType>(type)) {
    if (derived->getTag() != llvm::dwarf::DW_TAG_typedef && derived->getTag() != llvm::dwarf::DW_TAG_volatile_type &&
        derived->getTag() != llvm::dwarf::DW_TAG_const_type)
      break;
    type = derived->getBaseType();
  }
  return llvm::dyn_cast_or_null<llvm::DICompositeType>(type);
}

}  // namespace

Status describe_inner_maps(llvm::Module& m, const Analysis& analysis) {
  for (const MapDecl& map : analysis.maps) {
    if (map.inner_map.empty()) continue;
    llvm::GlobalVariable* outer = m.getNamedGlobal(map.name);
    llvm::GlobalVariable* inner = m.getNamedGlobal(map.inner_map);
    if (!outer || !inner) return Error::internal("map of maps '" + map.name + "': tables missing from the IR");
    llvm::DICompositeType* outer_type = table_type(*outer);
    llvm::DICompositeType* inner_type = table_type(*inner);
    if (!outer_type || !inner_type)
      return Error::internal("map of maps '" + map.name + "' needs debug info (it is always on)");
    llvm::LLVMContext& ctx = m.getContext();
    auto* pointer = llvm::DIDerivedType::get(ctx, llvm::dwarf::DW_TAG_pointer_type, "", nullptr, 0, nullptr,
                                             inner_type, 64, 0, 0, std::nullopt, llvm::DINode::FlagZero);
    auto* subrange = llvm::DISubrange::get(ctx, int64_t(0), int64_t(0));
    auto* array = llvm::DICompositeType::get(ctx, llvm::dwarf::DW_TAG_array_type, "", nullptr, 0, nullptr, pointer,
                                             0, 0, 0, llvm::DINode::FlagZero,
                                             llvm::MDTuple::get(ctx, {static_cast<llvm::Metadata*>(subrange)}), 0, nullptr);
    auto* values = llvm::DIDerivedType::get(ctx, llvm::dwarf::DW_TAG_member, "values", outer_type->getFile(), 0,
                                            outer_type, array, 0, 0, outer_type->getSizeInBits(), std::nullopt,
                                            llvm::DINode::FlagZero);
    llvm::SmallVector<llvm::Metadata*, 48> elements(outer_type->getElements().begin(),
                                                    outer_type->getElements().end());
    elements.push_back(values);
    outer_type->replaceElements(llvm::MDTuple::get(ctx, elements));
  }
  return ok_status();
}

}  // namespace tracekit::compiler
