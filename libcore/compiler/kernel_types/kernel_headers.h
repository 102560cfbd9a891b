// Headers mode (BCC's classic way): the kernel's own build tree supplies the types, with
// Kbuild-like flags. Used where the running kernel's headers are installed
// (/lib/modules/$(uname -r)/build), or where TRACEKIT_KERNEL_SOURCE points.
#pragma once

#include <string>
#include <vector>

#include "compiler/compile_request.h"

namespace tracekit::compiler {

std::vector<std::string> kernel_header_flags(const CompileRequest& request);
// The text of <tracekit/kernel.h> in headers mode.
std::string kernel_headers_prelude();

}  // namespace tracekit::compiler
