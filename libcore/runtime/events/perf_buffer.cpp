#include "runtime/events/perf_buffer.h"

#include <bpf/libbpf.h>
#include <linux/perf_event.h>

#include <cerrno>
#include <cstring>

namespace tracekit::events {

Result<std::unique_ptr<PerfBuffer>> PerfBuffer::open(int map_fd, size_t pages_per_cpu, int wakeup_events) {
  (void)wakeup_events;  // libbpf wakes per sample; batching happens on our side
  if (pages_per_cpu == 0 || (pages_per_cpu & (pages_per_cpu - 1)) != 0)
    return Error::invalid("page_cnt must be a power of two, got " + std::to_string(pages_per_cpu));
  std::unique_ptr<PerfBuffer> self(new PerfBuffer());
  self->buffer_ = perf_buffer__new(map_fd, pages_per_cpu, &PerfBuffer::on_sample, &PerfBuffer::on_lost,
                                   self.get(), nullptr);
  if (!self->buffer_) return Error::sys(errno, "cannot open the perf buffer");
  return self;
}

PerfBuffer::~PerfBuffer() {
  if (buffer_) perf_buffer__free(buffer_);
}

void PerfBuffer::on_sample(void* ctx, int cpu, void* data, uint32_t size) {
  auto* self = static_cast<PerfBuffer*>(ctx);
  RecordBatch& b = self->batch_;
  b.records.push_back({cpu, uint32_t(b.bytes.size()), size});
  b.bytes.append(static_cast<const char*>(data), size);
  // Keep records 8-byte aligned so ctypes structs can be cast in place.
  b.bytes.resize((b.bytes.size() + 7) & ~size_t(7));
}

void PerfBuffer::on_lost(void* ctx, int cpu, unsigned long long count) {
  static_cast<PerfBuffer*>(ctx)->batch_.lost.emplace_back(cpu, count);
}

Result<size_t> PerfBuffer::poll(int timeout_ms) {
  int rc = perf_buffer__poll(buffer_, timeout_ms);
  if (rc < 0 && rc != -EINTR) return Error::sys(-rc, "perf buffer poll");
  return batch_.records.size();
}

Result<size_t> PerfBuffer::consume() {
  int rc = perf_buffer__consume(buffer_);
  if (rc < 0) return Error::sys(-rc, "perf buffer consume");
  return batch_.records.size();
}

int PerfBuffer::epoll_fd() const { return perf_buffer__epoll_fd(buffer_); }

}  // namespace tracekit::events
