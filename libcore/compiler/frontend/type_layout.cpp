#include "compiler/frontend/type_layout.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/RecordLayout.h>
#include <clang/AST/Type.h>

namespace tracekit::compiler {

nlohmann::json type_layout(const clang::ASTContext& ast, clang::QualType type) {
  using nlohmann::json;
  clang::QualType canonical = type.getCanonicalType().getUnqualifiedType();
  const clang::Type* t = canonical.getTypePtr();

  if (const auto* builtin = llvm::dyn_cast<clang::BuiltinType>(t)) {
    switch (builtin->getKind()) {
      case clang::BuiltinType::Void: return {{"kind", "void"}};
      case clang::BuiltinType::Bool: return {{"kind", "bool"}, {"size", 1}};
      case clang::BuiltinType::Char_S:
      case clang::BuiltinType::Char_U: return {{"kind", "char"}, {"size", 1}};
      case clang::BuiltinType::Float:
      case clang::BuiltinType::Double:
      case clang::BuiltinType::LongDouble:
        return {{"kind", "float"}, {"size", ast.getTypeSize(canonical) / 8}};
      default:
        if (builtin->isInteger())
          return {{"kind", "int"}, {"size", ast.getTypeSize(canonical) / 8},
                  {"signed", builtin->isSignedInteger()}};
        return {{"kind", "int"}, {"size", ast.getTypeSize(canonical) / 8}, {"signed", false}};
    }
  }
  if (llvm::isa<clang::PointerType>(t)) return {{"kind", "pointer"}, {"size", 8}};
  if (const auto* e = llvm::dyn_cast<clang::EnumType>(t)) {
    clang::QualType underlying = e->getDecl()->getIntegerType();
    if (underlying.isNull()) underlying = ast.IntTy;
    return {{"kind", "int"}, {"size", ast.getTypeSize(underlying) / 8},
            {"signed", underlying->isSignedIntegerType()}};
  }
  if (const auto* array = llvm::dyn_cast<clang::ConstantArrayType>(t))
    return {{"kind", "array"}, {"count", array->getSize().getZExtValue()},
            {"elem", type_layout(ast, array->getElementType())}};
  if (const auto* array = llvm::dyn_cast<clang::IncompleteArrayType>(t))
    return {{"kind", "array"}, {"count", 0}, {"elem", type_layout(ast, array->getElementType())}};
  if (const auto* record_type = llvm::dyn_cast<clang::RecordType>(t)) {
    const clang::RecordDecl* record = record_type->getDecl()->getDefinition();
    if (!record) return {{"kind", "struct"}, {"name", record_type->getDecl()->getName().str()},
                         {"size", 0}, {"fields", json::array()}};
    const clang::ASTRecordLayout& layout = ast.getASTRecordLayout(record);
    json fields = json::array();
    unsigned index = 0;
    for (const clang::FieldDecl* field : record->fields()) {
      uint64_t bit_offset = layout.getFieldOffset(index++);
      json f = {{"name", field->getName().str()}, {"type", type_layout(ast, field->getType())}};
      if (field->isBitField()) {
        unsigned width = field->getBitWidthValue(ast);
        uint64_t unit = ast.getTypeSize(field->getType());
        f["bits"] = width;
        f["offset"] = (bit_offset / unit) * unit / 8;  // the storage unit holding the bits
        f["bit_offset"] = bit_offset % unit;
      } else {
        f["offset"] = bit_offset / 8;
      }
      fields.push_back(std::move(f));
    }
    std::string name = record->getName().str();
    if (name.empty())
      if (const auto* typedef_decl = record->getTypedefNameForAnonDecl())
        name = typedef_decl->getName().str();
    return {{"kind", record->isUnion() ? "union" : "struct"}, {"name", name},
            {"size", layout.getSize().getQuantity()}, {"fields", std::move(fields)}};
  }
  // Vectors, function types and anything else: opaque bytes of the right size.
  uint64_t size = t->isIncompleteType() ? 0 : ast.getTypeSize(canonical) / 8;
  return {{"kind", "array"}, {"count", size}, {"elem", {{"kind", "int"}, {"size", 1}, {"signed", false}}}};
}

}  // namespace tracekit::compiler
