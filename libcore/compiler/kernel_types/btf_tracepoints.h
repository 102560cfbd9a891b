// Tracepoint records from the kernel's BTF, for when tracefs cannot be read. Each event class
// has a `struct trace_event_raw_<class>`; an event defined with DEFINE_EVENT shares its
// class's struct, found through the event's `btf_trace_<event>` prototype, which equals the
// class's `__bpf_trace_<class>` one. Per-syscall events (syscalls:sys_enter_*) share one
// generic record in BTF and cannot be described from it.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "compiler/kernel_types/btf_header.h"
#include "compiler/tracepoint_structs.h"

namespace tracekit::compiler {

// The record's fields after the common header, in the form a tracefs format gives them.
Result<std::vector<TracepointField>> btf_tracepoint_fields(const BtfTypeIndex& index,
                                                           const std::string& category,
                                                           const std::string& event);

}  // namespace tracekit::compiler
