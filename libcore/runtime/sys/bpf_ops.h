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

}  // namespace tracekit::sys
