// Reads a BPF_PERF_OUTPUT table: one perf ring per CPU.
//
// The rings are opened with libbpf's raw interface so that BCC's `wakeup_events` is honoured
// (the kernel wakes the reader every N records instead of every record) and so that the
// batch API can ask for a watermark instead: wake when a quarter of a ring is full, with the
// wait's timeout bounding the latency of a trickle of events.
#pragma once

#include <cstdint>
#include <memory>

#include "common/result.h"
#include "runtime/events/event_source.h"

struct perf_buffer;
struct perf_event_header;

namespace tracekit::events {

struct PerfBufferOptions {
  size_t pages_per_cpu = 8;    // a power of two
  unsigned wakeup_events = 1;  // wake the reader every N records...
  bool watermark = false;      // ...or when a quarter of a CPU's ring is full
};

class PerfBuffer : public EventSource {
 public:
  static Result<std::unique_ptr<PerfBuffer>> open(int map_fd, const PerfBufferOptions& options);
  ~PerfBuffer() override;
  PerfBuffer(const PerfBuffer&) = delete;
  PerfBuffer& operator=(const PerfBuffer&) = delete;

  int epoll_fd() const override;
  Result<size_t> drain(RecordSink& sink) override;

  // libbpf's raw record callback (internal): returns an enum bpf_perf_event_ret.
  static int on_event(void* ctx, int cpu, struct perf_event_header* header);

 private:
  PerfBuffer() = default;
  struct perf_buffer* buffer_ = nullptr;
  RecordSink* sink_ = nullptr;  // set during drain()
  size_t taken_ = 0;
};

}  // namespace tracekit::events
