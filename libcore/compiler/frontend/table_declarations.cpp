// Finds the tables a program declares (the globals BPF_TABLE and friends emit in ".maps") and
// records their type, key and leaf layouts, size, flags, pin path, sharing, inner map and
// where each method member sits. Annotations carry what the macros know as strings
// (headers/tracekit/tables.h).
#include <clang/AST/ASTContext.h>
#include <clang/AST/Attr.h>
#include <clang/AST/Decl.h>
#include <clang/AST/RecordLayout.h>

#include "compiler/frontend/ast_passes.h"
#include "compiler/frontend/table_kinds.h"
#include "compiler/frontend/type_layout.h"

namespace tracekit::compiler {
namespace {

// `int (*max_entries)[N]` encodes N in the array type, as libbpf's __uint() does.
uint64_t encoded_uint(clang::QualType type) {
  if (const auto* ptr = type->getAs<clang::PointerType>())
    if (const auto* array = llvm::dyn_cast<clang::ConstantArrayType>(ptr->getPointeeType().getCanonicalType()))
      return array->getSize().getZExtValue();
  return 0;
}

// The value of the `tracekit_<what>:` annotation, or "".
std::string annotation(const clang::VarDecl* var, llvm::StringRef what) {
  std::string prefix = ("tracekit_" + what + ":").str();
  for (const auto* attr : var->specific_attrs<clang::AnnotateAttr>())
    if (attr->getAnnotation().startswith(prefix)) return attr->getAnnotation().drop_front(prefix.size()).str();
  return "";
}

void record_members(AstPassContext& ctx, const clang::RecordDecl* record, MapDecl& map) {
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
}

// Checks what only makes sense across tables: inner maps exist and are not maps of maps.
void check_inner_maps(AstPassContext& ctx, const std::map<std::string, const clang::VarDecl*>& decls) {
  for (const MapDecl& map : ctx.analysis.maps) {
    if (map.inner_map.empty()) continue;
    const MapDecl* inner = ctx.analysis.find_map(map.inner_map);
    const clang::VarDecl* var = decls.at(map.name);
    if (!inner) {
      ctx.error(var->getLocation(), "table '" + map.name + "': its inner table '" + map.inner_map +
                                        "' is not declared; declare it (e.g. BPF_ARRAY(" + map.inner_map +
                                        ", ...)) to give the inner maps their shape");
    } else if (!inner->inner_map.empty()) {
      ctx.error(var->getLocation(), "table '" + map.name + "': its inner table '" + map.inner_map +
                                        "' is itself a map of maps, which the kernel does not nest");
    }
  }
}

}  // namespace

void collect_tables(AstPassContext& ctx) {
  std::map<std::string, const clang::VarDecl*> decls;
  for (const clang::Decl* decl : ctx.ast.getTranslationUnitDecl()->decls()) {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(decl);
    if (!var || !var->hasGlobalStorage()) continue;
    std::string bcc_type = annotation(var, "map");
    if (bcc_type.empty()) continue;
    if (!find_table_kind(bcc_type)) {
      ctx.error(var->getLocation(), "table '" + var->getName().str() + "' has unknown type \"" +
                                        bcc_type + "\"; known types: " + known_table_types());
      continue;
    }
    const clang::RecordDecl* record = var->getType()->getAsRecordDecl();
    if (!record || !record->getDefinition()) continue;

    MapDecl map;
    map.name = var->getName().str();
    // tracekit's own tables (the twins' scratch registers) are lowered like the program's but
    // are no part of what the program shows user space.
    bool internal = llvm::StringRef(map.name).startswith("__tk");
    map.bcc_type = bcc_type;
    map.pin_path = annotation(var, "pin");
    map.share = annotation(var, "share");
    map.inner_map = annotation(var, "inner");
    if (!map.pin_path.empty() && map.pin_path.front() != '/')
      ctx.error(var->getLocation(), "table '" + map.name + "': the pin path \"" + map.pin_path +
                                        "\" must be absolute, on a bpffs (e.g. /sys/fs/bpf/" + map.name + ")");
    if (bcc_type == "extern" && (!map.share.empty() || !map.pin_path.empty()))
      ctx.error(var->getLocation(), "table '" + map.name + "' is \"extern\" (another object's table) "
                                    "and cannot also be pinned or exported");
    record_members(ctx, record->getDefinition(), map);
    decls[map.name] = var;
    (internal ? ctx.analysis.internal_maps : ctx.analysis.maps).push_back(std::move(map));
  }
  check_inner_maps(ctx, decls);
}

}  // namespace tracekit::compiler
