// Where drained event records go. The Python bindings provide two sinks: one calls the user's
// callback per record while the record is still in the ring (no copy; BCC's callback API), the
// other packs records into one buffer at a fixed stride for the batch API, so Python decodes a
// whole batch at once (numpy or a ctypes array) instead of handling events one by one.
#pragma once

#include <cstdint>
#include <string>

namespace tracekit::events {

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // `data` is valid during the call only. Returning false stops the drain (the record counts
  // as consumed; the ones after it stay in the ring for the next drain).
  virtual bool on_record(int cpu, const void* data, uint32_t size) = 0;
  // The kernel dropped `count` records of `cpu` because the ring was full.
  virtual void on_lost(int cpu, uint64_t count) {
    (void)cpu;
    lost += count;
  }
  uint64_t lost = 0;
};

// Records copied back to back at `stride` bytes each (truncated or zero-padded), the layout of
// a C array of the event struct.
class StrideBatch : public RecordSink {
 public:
  explicit StrideBatch(uint32_t stride, uint32_t max_records = 0) : stride_(stride), max_records_(max_records) {}
  bool on_record(int cpu, const void* data, uint32_t size) override;
  uint32_t stride() const { return stride_; }
  uint32_t count() const { return count_; }
  bool full() const { return max_records_ != 0 && count_ >= max_records_; }
  std::string& bytes() { return bytes_; }
  void clear() {
    bytes_.clear();
    count_ = 0;
    lost = 0;
  }

 private:
  uint32_t stride_;
  uint32_t max_records_;
  uint32_t count_ = 0;
  std::string bytes_;
};

}  // namespace tracekit::events
