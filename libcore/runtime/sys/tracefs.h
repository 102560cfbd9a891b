// tracefs: event ids and formats for tracepoints, trace_pipe, and (legacy) kprobe_events.
// All writes to tracefs live here.
#pragma once

#include <string>

#include "common/result.h"

namespace tracekit::sys {

// The directory tracefs is mounted on. When nothing is mounted (as on a fresh machine) it
// mounts tracefs on /sys/kernel/tracing, which needs root.
Result<std::string> tracefs_root();
Result<int> tracepoint_id(const std::string& category, const std::string& event);
bool tracepoint_exists(const std::string& category, const std::string& event);

}  // namespace tracekit::sys
