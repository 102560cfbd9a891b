// Finds the tables a program declares (the globals BPF_TABLE and friends emit in ".maps") and
// records their type, key and leaf layouts, size, flags and where each method member sits.
#include <clang/AST/ASTContext.h>
#include <clang/AST/Attr.h>
#include <clang/AST/Decl.h>
#include <clang/AST/RecordLayout.h>

#include "compiler/frontend/ast_passes.h"
#include "compiler/frontend/table_kinds.h"
#include "compiler/frontend/type_layout.h"

namespace tracekit::compiler {
namespace {

constexpr llvm::StringLiteral kAnnotationPrefix = "tracekit_map:";

// `int (*max_entries)[N]` encodes N in the array type, as libbpf's __uint() does.
uint64_t encoded_uint(clang::QualType type) {
  if (const auto* ptr = type->getAs<clang::PointerType>())
    if (const auto* array = llvm::dyn_cast<clang::ConstantArrayType>(ptr->getPointeeType().getCanonicalType()))
      return array->getSize().getZExtValue();
  return 0;
}

std::string table_annotation(const clang::VarDecl* var) {
  for (const auto* attr : var->specific_attrs<clang::AnnotateAttr>())
    if (attr->getAnnotation().startswith(kAnnotationPrefix))
      return attr->getAnnotation().drop_front(kAnnotationPrefix.size()).str();
  return "";
}

}  // namespace

void collect_tables(AstPassContext& ctx) {
  for (const clang::Decl* decl : ctx.ast.getTranslationUnitDecl()->decls()) {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(decl);
    if (!var || !var->hasGlobalStorage()) continue;
    std::string bcc_type = table_annotation(var);
    if (bcc_type.empty()) continue;
    if (!find_table_kind(bcc_type)) {
      ctx.error(var->getLocation(), "table '" + var->getName().str() + "' has unknown type \"" +
                                        bcc_type + "\"; known types: " + known_table_types());
      continue;
    }
    const clang::RecordDecl* record = var->getType()->getAsRecordDecl();
    if (!record || !record->getDefinition()) continue;
    record = record->getDefinition();

    MapDecl map;
    map.name = var->getName().str();
    map.bcc_type = bcc_type;
    const clang::ASTRecordLayout& layout = ctx.ast.getASTRecordLayout(record);
    unsigned index = 0;
    for (const clang::FieldDecl* field : record->fields()) {
      uint64_t offset = layout.getFieldOffset(index++) / 8;
      llvm::StringRef name = field->getName();
      clang::QualType type = field->getType();
      if (name == "key") {
        map.key = type_layout(ctx.ast, type->getPointeeType());
      } else if (name == "value") {
        map.leaf = type_layout(ctx.ast, type->getPointeeType());
      } else if (name == "max_entries") {
        map.max_entries = encoded_uint(type);
      } else if (name == "map_flags") {
        map.flags = encoded_uint(type);
      } else if (type->isFunctionPointerType()) {
        map.methods[offset] = name.str();
      }
    }
    ctx.analysis.maps.push_back(std::move(map));
  }
}

}  // namespace tracekit::compiler
