// Reads a BPF_PERF_OUTPUT table: one perf ring per CPU, drained in batches. A poll waits (the
// caller releases the GIL around it), then copies every available record into one contiguous
// buffer, so Python handles a whole batch per wake-up rather than one call per event.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"

struct perf_buffer;

namespace tracekit::events {

struct RecordBatch {
  struct Record {
    int cpu;
    uint32_t offset;
    uint32_t size;
  };
  std::string bytes;
  std::vector<Record> records;
  std::vector<std::pair<int, uint64_t>> lost;  // (cpu, count) since the last batch
  void clear() {
    bytes.clear();
    records.clear();
    lost.clear();
  }
};

class PerfBuffer {
 public:
  static Result<std::unique_ptr<PerfBuffer>> open(int map_fd, size_t pages_per_cpu, int wakeup_events);
  ~PerfBuffer();
  PerfBuffer(const PerfBuffer&) = delete;
  PerfBuffer& operator=(const PerfBuffer&) = delete;

  // Waits up to timeout_ms (-1: forever) for data, then reads what is there into batch().
  Result<size_t> poll(int timeout_ms);
  // Reads what is there without waiting.
  Result<size_t> consume();
  RecordBatch& batch() { return batch_; }
  int epoll_fd() const;

 private:
  PerfBuffer() = default;
  static void on_sample(void* ctx, int cpu, void* data, uint32_t size);
  static void on_lost(void* ctx, int cpu, unsigned long long count);
  struct perf_buffer* buffer_ = nullptr;
  RecordBatch batch_;
};

}  // namespace tracekit::events
