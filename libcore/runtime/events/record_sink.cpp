#include "runtime/events/record_sink.h"

#include <algorithm>
#include <cstring>

namespace tracekit::events {

bool StrideBatch::on_record(int cpu, const void* data, uint32_t size) {
  (void)cpu;
  size_t at = bytes_.size();
  bytes_.resize(at + stride_);  // zero-fills the tail of short records
  std::memcpy(bytes_.data() + at, data, std::min(size, stride_));
  ++count_;
  return !full();
}

}  // namespace tracekit::events
