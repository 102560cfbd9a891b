// C++ (Itanium ABI) symbol demangling.
#pragma once

#include <string>

namespace tracekit::symbolize {

// The demangled form of `name`, or `name` itself if it is not a mangled C++ name.
std::string demangle(const std::string& name);

}  // namespace tracekit::symbolize
