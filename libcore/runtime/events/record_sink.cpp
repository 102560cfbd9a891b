#include "runtime/events/record_sink.h"

#include <algorithm>
#include <cstring>

namespace tracekit::events {

bool StrideBatch::on_record(int cpu, const void* data, uint32_t size) {
  (void)cpu;
  size_t at = size_t(count_) * stride_;
  if (at + stride_ > capacity_) {
    size_t want = std::max(capacity_ * 2, size_t(stride_) * 1024);
    char* grown = storage_->grow(want);
    if (!grown) return false;  // out of memory: the batch ends here
    base_ = grown;
    capacity_ = want;
  }
  char* out = base_ + at;
  uint32_t n = std::min(size, stride_);
  std::memcpy(out, data, n);
  if (n < stride_) std::memset(out + n, 0, stride_ - n);  // short records: zero the rest
  ++count_;
  return !full();
}

}  // namespace tracekit::events
