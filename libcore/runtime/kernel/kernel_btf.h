// Questions answered from the running kernel's BTF (/sys/kernel/btf/vmlinux): does a struct
// have a field, an enum a value, a function a BTF id (what fentry and LSM programs attach by).
// The BTF is parsed once per process, on the first question (~10 ms), never at start-up.
#pragma once

#include <string>

#include "common/result.h"

namespace tracekit::kernel {

// NotSupported (CONFIG_DEBUG_INFO_BTF) without kernel BTF.
Result<bool> struct_has_field(const std::string& struct_name, const std::string& field);
Result<bool> enum_has_value(const std::string& enum_name, const std::string& value);
// The BTF id of kernel function `name` (BTF_KIND_FUNC); NotFound if it has none.
Result<int> function_btf_id(const std::string& name);

}  // namespace tracekit::kernel
