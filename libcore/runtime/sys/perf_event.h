// perf_event_open(2) and the ioctls that attach BPF programs to perf events. Attaching through
// a perf event fd ties the probe's life to the fd: when the process exits, even by SIGKILL, the
// kernel removes the probe.
#pragma once

#include <linux/perf_event.h>
#include <sys/types.h>

#include <string>

#include "common/result.h"
#include "common/unique_fd.h"

namespace tracekit::sys {

Result<UniqueFd> perf_event_open(const perf_event_attr& attr, pid_t pid, int cpu, int group_fd = -1);
// PERF_EVENT_IOC_SET_BPF then PERF_EVENT_IOC_ENABLE.
Status attach_bpf_to_perf_event(int perf_fd, int prog_fd);
Status perf_event_enable(int perf_fd);
// The dynamic PMU type of /sys/bus/event_source/devices/<pmu> (kprobe, uprobe), if present.
Result<int> dynamic_pmu_type(const std::string& pmu);

// Where a PMU format field lives in perf_event_attr, from .../devices/<pmu>/format/<field>
// ("config:0", "config:32-63").
struct PmuField {
  int config = 0;  // 0: config, 1: config1, 2: config2
  int low_bit = 0;
  int high_bit = 0;
};
Result<PmuField> pmu_format_field(const std::string& pmu, const std::string& field);

}  // namespace tracekit::sys
