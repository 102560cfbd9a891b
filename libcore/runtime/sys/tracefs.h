// tracefs: event ids and formats for tracepoints, trace_pipe, and the legacy kprobe_events and
// uprobe_events control files. All writes to tracefs (and the mounts of tracefs, debugfs and
// securityfs tracekit makes on demand) live here.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"

namespace tracekit::sys {

// The directory tracefs is mounted on. When nothing is mounted (as on a fresh machine) it
// mounts tracefs on /sys/kernel/tracing, which needs root.
Result<std::string> tracefs_root();
Result<int> tracepoint_id(const std::string& category, const std::string& event);
bool tracepoint_exists(const std::string& category, const std::string& event);

// debugfs (the kprobe blacklist lives there), mounted on /sys/kernel/debug if needed.
Result<std::string> debugfs_root();
// securityfs (the list of active LSMs), mounted on /sys/kernel/security if needed.
Result<std::string> securityfs_root();

// Legacy dynamic probe events. `file` is "kprobe_events" or "uprobe_events"; `definition` one
// line of the tracefs syntax ("p:group/name func+off", "-:group/name"). The kernel keeps such
// an event until it is removed, whatever happens to the process that made it.
Status probe_event_write(const std::string& file, const std::string& definition);
// The lines of kprobe_events or uprobe_events ("p:group/name target").
Result<std::vector<std::string>> probe_event_list(const std::string& file);

}  // namespace tracekit::sys
