// The bpf(2) commands tracekit issues itself (libbpf issues the ones of object loading). Thin
// wrappers that turn errno into Error with the map or program named.
#pragma once

#include <cstdint>
#include <string>

#include "common/result.h"
#include "common/unique_fd.h"

namespace tracekit::sys {

Status map_lookup(int fd, const void* key, void* value, uint64_t flags = 0);
Status map_update(int fd, const void* key, const void* value, uint64_t flags);
Status map_delete(int fd, const void* key);
// Returns false at the end of the map.
Result<bool> map_next_key(int fd, const void* key, void* next_key);
// Batch lookup; returns the number of entries read and sets `done` at the end of the map.
Result<uint32_t> map_lookup_batch(int fd, void* in_batch, void* out_batch, void* keys, void* values,
                                  uint32_t count, bool delete_too, bool& done);
Result<UniqueFd> obj_get(const std::string& path);
// BPF_RAW_TRACEPOINT_OPEN: the fd holds the attachment.
Result<UniqueFd> raw_tracepoint_open(const std::string& name, int prog_fd);
Status obj_pin(int fd, const std::string& path);

// ---- Map commands of the Python table API (issue 5) ----------------------------------------
// BPF_MAP_LOOKUP_AND_DELETE_ELEM: a queue/stack pop when key is null (Linux 4.20).
Status map_lookup_and_delete(int fd, const void* key, void* value);
// BPF_MAP_DELETE_BATCH / BPF_MAP_UPDATE_BATCH (Linux 5.6); `count` is updated to the number
// of elements processed. NotSupported when the kernel or map type lacks them.
Status map_delete_batch(int fd, const void* keys, uint32_t& count);
Status map_update_batch(int fd, const void* keys, const void* values, uint32_t& count, uint64_t flags);
// BPF_MAP_CREATE, for tables made from Python (map-in-map inner maps, tests, benchmarks).
struct MapCreateSpec {
  unsigned type = 0;
  std::string name;
  unsigned key_size = 0;
  unsigned value_size = 0;
  unsigned max_entries = 0;
  unsigned flags = 0;
  int inner_map_fd = -1;
};
Result<UniqueFd> map_create(const MapCreateSpec& spec);
// BPF_OBJ_GET_INFO_BY_FD on a map: its shape, for tables over maps tracekit did not create.
struct MapInfo {
  unsigned type = 0;
  unsigned id = 0;
  unsigned key_size = 0;
  unsigned value_size = 0;
  unsigned max_entries = 0;
  unsigned flags = 0;
  std::string name;
};
Result<MapInfo> map_info(int fd);
// BPF_MAP_GET_FD_BY_ID.
Result<UniqueFd> map_fd_by_id(unsigned id);
// mmap() of a map's memory (ring buffers: the consumer page read-write, the producer page and
// data pages read-only); MapMemory unmaps on destruction.
class MapMemory {
 public:
  MapMemory() = default;
  MapMemory(void* address, size_t length) : address_(address), length_(length) {}
  MapMemory(MapMemory&& other) noexcept;
  MapMemory& operator=(MapMemory&& other) noexcept;
  MapMemory(const MapMemory&) = delete;
  MapMemory& operator=(const MapMemory&) = delete;
  ~MapMemory();
  char* data() const { return static_cast<char*>(address_); }

 private:
  void* address_ = nullptr;
  size_t length_ = 0;
};
Result<MapMemory> map_mmap(int fd, size_t length, size_t offset, bool writable);

// BPF_RAW_TRACEPOINT_OPEN without a name: attaches a fentry/fexit/fmod_ret/LSM program to the
// kernel function (or LSM hook) its attach_btf_id names. `what` names it in errors.
Result<UniqueFd> tracing_attach(int prog_fd, const std::string& what);
// BPF_LINK_CREATE. `what` names the attachment in errors.
Result<UniqueFd> link_create(int prog_fd, int target_fd, unsigned attach_type, uint32_t flags,
                             const std::string& what);
// BPF_LINK_CREATE of a BPF_PERF_EVENT link carrying a cookie (bpf_get_attach_cookie(), 5.15).
Result<UniqueFd> perf_event_link(int prog_fd, int perf_fd, uint64_t cookie);
// BPF_PROG_ATTACH / BPF_PROG_DETACH (cgroups, sockmaps, tcx, flow dissector...).
Status prog_attach(int prog_fd, int target_fd, unsigned attach_type, unsigned flags);
Status prog_detach(int prog_fd, int target_fd, unsigned attach_type);

// Capability probes: `r0 = 0; exit` loaded as a program of the given kind.
struct TrivialProgram {
  unsigned type = 0;                  // enum bpf_prog_type
  unsigned expected_attach_type = 0;  // enum bpf_attach_type
  unsigned attach_btf_id = 0;         // fentry/LSM target in vmlinux BTF
};
Result<UniqueFd> load_trivial_program(const TrivialProgram& program);
Result<UniqueFd> map_create(unsigned type, unsigned key_size, unsigned value_size, unsigned max_entries);

}  // namespace tracekit::sys
