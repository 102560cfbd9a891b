// The BPF-side headers of headers/, compiled into the library (generated file).
#pragma once

#include <string_view>
#include <vector>

namespace tracekit::compiler {

struct EmbeddedFile {
  std::string_view path;  // relative to headers/, e.g. "tracekit/tables.h"
  std::string_view contents;
};

const std::vector<EmbeddedFile>& embedded_headers();
// Changes whenever any embedded header changes; part of the compiler's version.
std::string_view embedded_headers_digest();

}  // namespace tracekit::compiler
