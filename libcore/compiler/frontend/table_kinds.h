// BCC's table type strings: the kernel map type each one creates and the methods it offers.
#pragma once

#include <string>
#include <vector>

namespace tracekit::compiler {

struct TableKind {
  const char* bcc_type;  // "hash", "perf_output", ...
  unsigned map_type;     // enum bpf_map_type; 0 for "extern" (the exporter's type)
  std::vector<const char*> methods;
};

// nullptr for an unknown type string.
const TableKind* find_table_kind(const std::string& bcc_type);
std::string known_table_types();
bool table_has_method(const TableKind& kind, const std::string& method);

}  // namespace tracekit::compiler
