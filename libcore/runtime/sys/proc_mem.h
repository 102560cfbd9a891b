// Writes into another process's memory through /proc/PID/mem: how a USDT semaphore is raised
// on kernels whose uprobes cannot count it themselves (ref_ctr_offset, Linux 4.20).
#pragma once

#include <sys/types.h>

#include <cstdint>

#include "common/result.h"

namespace tracekit::sys {

// Adds `delta` to the 16-bit counter at `address` in process `pid`; returns the new value.
Result<uint16_t> add_to_process_u16(pid_t pid, uint64_t address, int delta);

}  // namespace tracekit::sys
