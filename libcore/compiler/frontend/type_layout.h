// Describes a C type as JSON for the Python side, which builds ctypes types from it (event
// records, map keys and leaves). Offsets and sizes come from Clang's record layout for the BPF
// target, so they are exactly what the program writes.
//
//   {"kind": "int", "size": 4, "signed": true}      {"kind": "char"}   {"kind": "bool"}
//   {"kind": "float", "size": 8}                     {"kind": "pointer"}
//   {"kind": "array", "count": 16, "elem": {...}}    {"kind": "void"}
//   {"kind": "struct"|"union", "name": "data_t", "size": 40,
//    "fields": [{"name": "pid", "offset": 0, "type": {...}, "bits": 3, "bit_offset": 5}]}
#pragma once

#include <nlohmann/json.hpp>

namespace clang {
class ASTContext;
class QualType;
}  // namespace clang

namespace tracekit::compiler {

nlohmann::json type_layout(const clang::ASTContext& ast, clang::QualType type);

}  // namespace tracekit::compiler
