#include "runtime/events/perf_buffer.h"

#include <bpf/libbpf.h>
#include <linux/perf_event.h>
#include <unistd.h>

#include <cerrno>

namespace tracekit::events {
namespace {

// PERF_RECORD_SAMPLE with PERF_SAMPLE_RAW, and PERF_RECORD_LOST, as the kernel writes them.
struct RawSample {
  struct perf_event_header header;
  uint32_t size;
  char data[];
};

struct LostRecords {
  struct perf_event_header header;
  uint64_t id;
  uint64_t lost;
};

enum bpf_perf_event_ret on_raw_event(void* ctx, int cpu, struct perf_event_header* header) {
  return static_cast<enum bpf_perf_event_ret>(PerfBuffer::on_event(ctx, cpu, header));
}

}  // namespace

Result<std::unique_ptr<PerfBuffer>> PerfBuffer::open(int map_fd, const PerfBufferOptions& options) {
  size_t pages = options.pages_per_cpu;
  if (pages == 0 || (pages & (pages - 1)) != 0)
    return Error::invalid("page_cnt must be a power of two, got " + std::to_string(pages));
  struct perf_event_attr attr = {};
  attr.type = PERF_TYPE_SOFTWARE;
  attr.config = PERF_COUNT_SW_BPF_OUTPUT;
  attr.size = sizeof(attr);
  attr.sample_type = PERF_SAMPLE_RAW;
  attr.sample_period = 1;
  if (options.watermark) {
    attr.watermark = 1;
    attr.wakeup_watermark = uint32_t(pages * size_t(::getpagesize()) / 4);
  } else {
    attr.wakeup_events = options.wakeup_events ? options.wakeup_events : 1;
  }
  std::unique_ptr<PerfBuffer> self(new PerfBuffer());
  self->buffer_ = perf_buffer__new_raw(map_fd, pages, &attr,
                                       &on_raw_event, self.get(),
                                       nullptr);
  if (!self->buffer_) {
    int err = errno;
    if (err == ENOENT || err == EINVAL)
      return Error::not_supported("BPF perf event output (PERF_COUNT_SW_BPF_OUTPUT, Linux 4.4)",
                                  "cannot open the perf buffer");
    return Error::sys(err, "cannot open the perf buffer");
  }
  return self;
}

PerfBuffer::~PerfBuffer() {
  if (buffer_) perf_buffer__free(buffer_);
}

int PerfBuffer::epoll_fd() const { return perf_buffer__epoll_fd(buffer_); }

int PerfBuffer::on_event(void* ctx, int cpu, struct perf_event_header* header) {
  auto* self = static_cast<PerfBuffer*>(ctx);
  if (header->type == PERF_RECORD_SAMPLE) {
    const auto* sample = reinterpret_cast<const RawSample*>(header);
    ++self->taken_;
    if (!self->sink_->on_record(cpu, sample->data, sample->size)) return LIBBPF_PERF_EVENT_ERROR;
  } else if (header->type == PERF_RECORD_LOST) {
    self->sink_->on_lost(cpu, reinterpret_cast<const LostRecords*>(header)->lost);
  }
  return LIBBPF_PERF_EVENT_CONT;
}

Result<size_t> PerfBuffer::drain(RecordSink& sink) {
  sink_ = &sink;
  taken_ = 0;
  int rc = perf_buffer__consume(buffer_);
  sink_ = nullptr;
  // LIBBPF_PERF_EVENT_ERROR means the sink stopped the drain: not a failure of the buffer.
  if (rc < 0 && rc != LIBBPF_PERF_EVENT_ERROR) return Error::sys(-rc, "perf buffer read");
  return taken_;
}

}  // namespace tracekit::events
