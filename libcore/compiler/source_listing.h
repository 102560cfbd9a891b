// debug=DEBUG_SOURCE: the BPF assembly with the program's source lines interleaved, the way
// BCC prints it. The assembler text carries `.loc FILE LINE COL` directives (the program is
// compiled with debug info); each time the line changes, the line's text is inserted as a
// comment.
#pragma once

#include <string>

namespace tracekit::compiler {

std::string annotate_assembly(const std::string& assembly, const std::string& source,
                              const std::string& source_name);

}  // namespace tracekit::compiler
