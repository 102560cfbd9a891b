// What symbolization answers for one address.
#pragma once

#include <cstdint>
#include <string>

namespace tracekit::symbolize {

struct Symbol {
  std::string name;    // empty: no symbol covers the address
  uint64_t offset = 0;  // address - symbol start (or, without a symbol, the module offset)
  std::string module;   // the file (or "kernel", a kernel module name, a perf map path)
  bool found() const { return !name.empty(); }
};

}  // namespace tracekit::symbolize
