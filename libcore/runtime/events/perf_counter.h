// Perf counters for BPF_PERF_ARRAY tables: a program reads them with perf_read(cpu) (for
// example cycles and instructions per process), user space opens one per CPU and stores the
// fds in the table.
#pragma once

#include <sys/types.h>

#include <cstdint>

#include "common/result.h"
#include "common/unique_fd.h"

namespace tracekit::events {

// A counting (not sampling) perf event of `type`/`config` on `cpu`, for `pid` (-1: all).
Result<UniqueFd> open_counter(uint32_t type, uint64_t config, pid_t pid, int cpu);

}  // namespace tracekit::events
