#include "runtime/events/ring_buffer.h"

#include <linux/bpf.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>

namespace tracekit::events {
namespace {

// Publishing the consumer position frees the space for the producer; in a long drain do it
// now and then, not only at the end.
constexpr size_t kPublishEvery = 4096;

struct RecordHeader {
  uint32_t len;  // BPF_RINGBUF_BUSY_BIT: not committed yet; BPF_RINGBUF_DISCARD_BIT: skip
  uint32_t page_offset;
};

uint64_t load_acquire(const unsigned long* p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }

}  // namespace

Result<std::unique_ptr<RingBuffer>> RingBuffer::open(int map_fd) {
  sys::MapInfo info = TK_TRY(sys::map_info(map_fd));
  if (info.type != BPF_MAP_TYPE_RINGBUF)
    return Error::invalid("map '" + info.name + "' is not a ring buffer (type " + std::to_string(info.type) + ")");
  std::unique_ptr<RingBuffer> self(new RingBuffer());
  self->page_size_ = size_t(::getpagesize());
  self->mask_ = uint64_t(info.max_entries) - 1;
  self->consumer_ = TK_TRY(sys::map_mmap(map_fd, self->page_size_, 0, true));
  self->producer_ =
      TK_TRY(sys::map_mmap(map_fd, self->page_size_ + 2 * size_t(info.max_entries), self->page_size_, false));
  self->epoll_.reset(::epoll_create1(EPOLL_CLOEXEC));
  if (!self->epoll_.valid()) return Error::sys(errno, "epoll_create1");
  struct epoll_event event = {};
  event.events = EPOLLIN;
  if (::epoll_ctl(self->epoll_.get(), EPOLL_CTL_ADD, map_fd, &event) != 0)
    return Error::sys(errno, "epoll_ctl on ring buffer '" + info.name + "'");
  return self;
}

Result<size_t> RingBuffer::drain(RecordSink& sink) {
  auto* consumer_pos = reinterpret_cast<unsigned long*>(consumer_.data());
  const auto* producer_pos = reinterpret_cast<const unsigned long*>(producer_.data());
  const char* data = producer_.data() + page_size_;
  uint64_t cons = load_acquire(consumer_pos);
  // Only what was there when the drain began: against a producer as fast as we are, a drain
  // that chased the producer position would never end.
  const uint64_t prod = load_acquire(producer_pos);
  size_t taken = 0, since_publish = 0;
  while (cons < prod) {
    const auto* header = reinterpret_cast<const RecordHeader*>(data + (cons & mask_));
    uint32_t len = __atomic_load_n(&header->len, __ATOMIC_ACQUIRE);
    if (len & BPF_RINGBUF_BUSY_BIT) break;  // reserved, not submitted yet: the rest waits for it
    uint32_t size = len & ~(BPF_RINGBUF_BUSY_BIT | BPF_RINGBUF_DISCARD_BIT);
    cons += (uint64_t(size) + BPF_RINGBUF_HDR_SZ + 7) & ~uint64_t(7);
    if (!(len & BPF_RINGBUF_DISCARD_BIT)) {
      ++taken;
      // A sink that stops keeps the records after this one in the ring.
      if (!sink.on_record(-1, reinterpret_cast<const char*>(header) + BPF_RINGBUF_HDR_SZ, size)) break;
    }
    if (++since_publish == kPublishEvery) {
      __atomic_store_n(consumer_pos, cons, __ATOMIC_RELEASE);
      since_publish = 0;
    }
  }
  __atomic_store_n(consumer_pos, cons, __ATOMIC_RELEASE);
  return taken;
}

}  // namespace tracekit::events
