// Hints for the compile errors BCC programs commonly meet, most of them about kernel types and
// constants in BTF mode, where the kernel's headers (their #defines and inline functions) are
// not there. The hint follows Clang's own message.
#pragma once

#include <string>

namespace tracekit::compiler {

// "" when there is nothing to add.
std::string diagnostic_hint(const std::string& message, bool btf_mode);

}  // namespace tracekit::compiler
