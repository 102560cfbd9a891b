// Headers mode parses the kernel headers a program includes once per set of includes and keeps
// them as a precompiled header (compiler/precompiled_kernel.cpp). What goes into it is the run
// of `#include <...>` lines the program starts with (with comments and blank lines between
// them); the first other line ends the run, since a #define or #if there may change what the
// headers mean. The program is then compiled with those lines blanked, so line numbers stay.
#pragma once

#include <string>
#include <vector>

namespace tracekit::compiler {

struct LeadingIncludes {
  std::vector<std::string> headers;  // "linux/sched.h", in order
  std::string rest;                  // the program with those #include lines made empty
};

LeadingIncludes split_leading_includes(const std::string& source);

}  // namespace tracekit::compiler
