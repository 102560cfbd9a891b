#include "runtime/events/ring_buffer.h"

#include <bpf/libbpf.h>

#include <cerrno>

namespace tracekit::events {

Result<std::unique_ptr<RingBuffer>> RingBuffer::open(int map_fd) {
  std::unique_ptr<RingBuffer> self(new RingBuffer());
  self->buffer_ = ring_buffer__new(map_fd, &RingBuffer::on_sample, self.get(), nullptr);
  if (!self->buffer_) {
    int err = errno;
    if (err == EINVAL || err == ENOTSUP)
      return Error::not_supported("BPF ring buffers (BPF_MAP_TYPE_RINGBUF, Linux 5.8)",
                                  "cannot open the ring buffer");
    return Error::sys(err, "cannot open the ring buffer");
  }
  return self;
}

RingBuffer::~RingBuffer() {
  if (buffer_) ring_buffer__free(buffer_);
}

int RingBuffer::epoll_fd() const { return ring_buffer__epoll_fd(buffer_); }

int RingBuffer::on_sample(void* ctx, void* data, size_t size) {
  auto* self = static_cast<RingBuffer*>(ctx);
  ++self->taken_;
  // A negative return makes libbpf stop after this record (which counts as consumed).
  return self->sink_->on_record(-1, data, uint32_t(size)) ? 0 : -1;
}

Result<size_t> RingBuffer::drain(RecordSink& sink) {
  sink_ = &sink;
  taken_ = 0;
  int rc = ring_buffer__consume(buffer_);
  sink_ = nullptr;
  if (rc < 0 && rc != -1) return Error::sys(-rc, "ring buffer read");
  return taken_;
}

}  // namespace tracekit::events
