// CLOCK_MONOTONIC in nanoseconds: the clock of bpf_ktime_get_ns(), and the one for "how long
// ago" checks that must not jump with the wall clock.
#pragma once

#include <cstdint>
#include <ctime>

namespace tracekit {

inline int64_t monotonic_ns() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

}  // namespace tracekit
