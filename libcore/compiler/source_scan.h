// A lexical pass over program text, before Clang parses it: which identifiers the program
// uses (to choose the kernel types to generate from BTF), which types it defines itself (so
// the generated header does not clash with them), what it includes and which tracepoints it
// names. Lexing is cheap and needs no headers; over-approximation is harmless.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace tracekit::compiler {

struct SourceScan {
  std::unordered_set<std::string> identifiers;
  std::unordered_set<std::string> defined_types;  // struct/union/enum tags and typedef names
  std::vector<std::string> angle_includes;        // #include <...>
  std::set<std::pair<std::string, std::string>> tracepoints;  // (category, event)
};

SourceScan scan_source(std::string_view text);
// Adds the identifiers of `text` to `scan` (e.g. generated tracepoint structs).
void scan_more(std::string_view text, SourceScan& scan);

}  // namespace tracekit::compiler
