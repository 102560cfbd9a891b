// Reads a BPF ring buffer (BPF_RINGBUF_OUTPUT, Linux 5.8): one ring shared by all CPUs, so
// records arrive in submission order. The kernel wakes a waiting reader only when the reader
// has caught up, so a busy consumer is not woken per record.
#pragma once

#include <memory>

#include "common/result.h"
#include "runtime/events/event_source.h"

struct ring_buffer;

namespace tracekit::events {

class RingBuffer : public EventSource {
 public:
  static Result<std::unique_ptr<RingBuffer>> open(int map_fd);
  ~RingBuffer() override;
  RingBuffer(const RingBuffer&) = delete;
  RingBuffer& operator=(const RingBuffer&) = delete;

  int epoll_fd() const override;
  Result<size_t> drain(RecordSink& sink) override;

 private:
  RingBuffer() = default;
  static int on_sample(void* ctx, void* data, size_t size);
  struct ring_buffer* buffer_ = nullptr;
  RecordSink* sink_ = nullptr;
  size_t taken_ = 0;
};

}  // namespace tracekit::events
