// Reads a BPF ring buffer (BPF_RINGBUF_OUTPUT, Linux 5.8): one ring shared by all CPUs, so
// records arrive in submission order.
//
// The ring is read straight from its mapping (the layout is kernel ABI: a consumer page we
// write, then the producer page and the data pages, mapped twice in a row so that a record
// never wraps). Unlike libbpf's ring_buffer__consume, which publishes the consumer position
// after every record, a drain publishes it once at the end (and every kPublishEvery records
// of a long drain): the producer reads that position at every submission to decide whether to
// wake us, so writing it per record keeps its cache line bouncing between the CPUs. The
// kernel wakes a waiting reader only when the reader had caught up, so a busy consumer is not
// woken per record either.
#pragma once

#include <cstdint>
#include <memory>

#include "common/result.h"
#include "common/unique_fd.h"
#include "runtime/events/event_source.h"
#include "runtime/sys/bpf_ops.h"

namespace tracekit::events {

class RingBuffer : public EventSource {
 public:
  static Result<std::unique_ptr<RingBuffer>> open(int map_fd);
  RingBuffer(const RingBuffer&) = delete;
  RingBuffer& operator=(const RingBuffer&) = delete;

  int epoll_fd() const override { return epoll_.get(); }
  Result<size_t> drain(RecordSink& sink) override;

 private:
  RingBuffer() = default;
  UniqueFd epoll_;
  sys::MapMemory consumer_;  // one page: unsigned long consumer_pos
  sys::MapMemory producer_;  // one page (producer_pos), then the data twice
  uint64_t mask_ = 0;
  size_t page_size_ = 0;
};

}  // namespace tracekit::events
