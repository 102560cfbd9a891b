#include "runtime/events/perf_counter.h"

#include <linux/perf_event.h>

#include <cerrno>
#include <string>

#include "runtime/sys/perf_event.h"

namespace tracekit::events {

Result<UniqueFd> open_counter(uint32_t type, uint64_t config, pid_t pid, int cpu) {
  struct perf_event_attr attr = {};
  attr.size = sizeof(attr);
  attr.type = type;
  attr.config = config;
  Result<UniqueFd> fd = sys::perf_event_open(attr, pid, cpu);
  if (!fd.ok() && type == PERF_TYPE_HARDWARE && (fd.error().sys_errno == ENOENT || fd.error().sys_errno == EOPNOTSUPP))
    return Error::not_supported("hardware perf counters (a CPU PMU; virtual machines often lack one)",
                                "cannot open hardware counter " + std::to_string(config) + " on CPU " +
                                    std::to_string(cpu));
  return fd;
}

}  // namespace tracekit::events
