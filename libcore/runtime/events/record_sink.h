// Where drained event records go. The Python bindings provide two sinks: one calls the user's
// callback per record while the record is still in the ring (no copy; BCC's callback API), the
// other packs records into one buffer at a fixed stride for the batch API, so Python decodes a
// whole batch at once (numpy or a ctypes array) instead of handling events one by one.
#pragma once

#include <algorithm>
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

// Where a StrideBatch writes: memory it can grow. The default keeps a std::string; the Python
// bindings grow a bytearray, so that a batch reaches Python without another copy.
class BatchStorage {
 public:
  virtual ~BatchStorage() = default;
  // Makes the storage at least `size` bytes (keeping its contents); returns its start, or
  // nullptr if memory ran out. Must not throw: drains may run under C callbacks.
  virtual char* grow(size_t size) = 0;
};

class StringStorage : public BatchStorage {
 public:
  char* grow(size_t size) override {
    if (bytes_.size() < size) bytes_.resize(std::max(size, bytes_.size() * 2));
    return bytes_.data();
  }

 private:
  std::string bytes_;
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
  size_t size() const { return size_t(count_) * stride_; }
  // Starts a batch written to `storage` (a StringStorage of its own by default).
  void begin(BatchStorage* storage = nullptr) {
    storage_ = storage ? storage : &own_;
    base_ = nullptr;
    capacity_ = 0;
    count_ = 0;
    lost = 0;
  }
  const char* data() const { return base_; }

 private:
  uint32_t stride_;
  uint32_t max_records_;
  uint32_t count_ = 0;
  StringStorage own_;
  BatchStorage* storage_ = &own_;
  char* base_ = nullptr;
  size_t capacity_ = 0;
};

}  // namespace tracekit::events
