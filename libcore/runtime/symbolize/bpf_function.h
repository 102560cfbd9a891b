// The instructions of one function of a compiled BPF object (BPF.dump_func), found through
// the object's symbol table, as the compiler emitted them (map references unrelocated).
#pragma once

#include <string>

#include "common/result.h"

namespace tracekit::symbolize {

Result<std::string> bpf_function_bytes(const std::string& elf_bytes, const std::string& name);

}  // namespace tracekit::symbolize
