// A perf or ring buffer that Python drains: wait() blocks (the bindings release the GIL around
// it) and drain() hands every available record to a RecordSink (with the GIL held, because a
// sink may call Python). Splitting the two lets a consumer wait without the GIL yet run its
// callbacks straight from the ring, with no copy.
#pragma once

#include <cstddef>

#include "common/result.h"
#include "runtime/events/record_sink.h"

namespace tracekit::events {

class EventSource {
 public:
  virtual ~EventSource() = default;
  virtual int epoll_fd() const = 0;
  // Waits up to timeout_ms (-1: forever) until a record may be there; false on timeout or
  // when a signal interrupted the wait.
  Result<bool> wait(int timeout_ms) const;
  // Hands every record now in the buffer to `sink`; returns how many it took.
  virtual Result<size_t> drain(RecordSink& sink) = 0;
};

}  // namespace tracekit::events
