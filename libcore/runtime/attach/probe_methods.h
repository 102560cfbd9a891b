// The two ways of creating a dynamic probe, used by probe_attach.cpp. Each returns the perf
// event fd the program is attached to.
#pragma once

#include <functional>

#include "common/result.h"
#include "common/unique_fd.h"
#include "runtime/attach/probe_target.h"

namespace tracekit::attach {

// Through the kprobe/uprobe perf PMU. NotSupported when the PMU is missing.
Result<UniqueFd> open_pmu_probe(const ProbeTarget& target);

struct TracefsProbe {
  UniqueFd perf_fd;
  std::function<void()> remove;  // removes the tracefs event; run after perf_fd is closed
  std::string event;             // "tracekit/p_123_0_do_nanosleep"
};
// Through kprobe_events/uprobe_events. NotSupported when the file is missing.
Result<TracefsProbe> open_tracefs_probe(const ProbeTarget& target);

}  // namespace tracekit::attach
