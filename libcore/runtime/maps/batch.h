// Whole-map reads, deletes and updates in as few bpf(2) calls as the kernel allows.
//
// The batch commands (Linux 5.6) move thousands of entries per call; on kernels or map types
// without them (EINVAL/ENOTSUPP) each function falls back to the element commands, still in
// C++, so Python never loops per entry. Values of per-CPU maps are `value_size` rounded up to
// 8 bytes times the number of possible CPUs, as the kernel copies them; callers pass that size.
#pragma once

#include <cstdint>
#include <string>

#include "common/result.h"

namespace tracekit::maps {

struct MapLayout {
  unsigned key_size = 0;
  unsigned value_size = 0;  // per-CPU maps: the whole per-CPU value
  unsigned max_entries = 0;
};

struct Entries {
  std::string keys;    // count * key_size bytes
  std::string values;  // count * value_size bytes
  uint32_t count = 0;
  bool used_batch = false;  // false: the kernel lacked the batch commands
};

// Every entry of the map; with `and_delete`, each entry read is also removed.
Result<Entries> read_all(int fd, const MapLayout& layout, bool and_delete);
// Deletes `count` keys (packed, key_size each). Keys missing from the map are skipped.
Status delete_keys(int fd, const MapLayout& layout, const void* keys, uint32_t count);
// Deletes every entry.
Status delete_all(int fd, const MapLayout& layout);
// Writes `count` entries with BPF_ANY/BPF_NOEXIST/BPF_EXIST `flags`.
Status update_entries(int fd, const MapLayout& layout, const void* keys, const void* values, uint32_t count,
                      uint64_t flags);

}  // namespace tracekit::maps
