#include "runtime/maps/batch.h"

#include <algorithm>
#include <cerrno>
#include <vector>

#include "runtime/sys/bpf_ops.h"

namespace tracekit::maps {
namespace {

// Entries asked for per batch call. Hash maps hand out whole buckets, so a bucket larger than
// this gives ENOSPC, and the read retries with a larger chunk.
constexpr uint32_t kChunk = 16384;
// ENOTSUPP: the kernel-internal errno (no libc name) of map types without batch operations.
constexpr int kKernelEnotsupp = 524;

void reserve_for(Entries& out, const MapLayout& layout, uint32_t entries) {
  out.keys.resize(size_t(entries) * layout.key_size);
  out.values.resize(size_t(entries) * layout.value_size);
}

Result<bool> read_batched(int fd, const MapLayout& layout, bool and_delete, Entries& out) {
  // The resume token is a bucket index for hashes and a key for arrays: key-sized, >= 8 bytes.
  std::vector<char> in_token(std::max(layout.key_size, 8u)), out_token(in_token.size());
  bool first = true;
  uint32_t chunk = std::min(kChunk, std::max(layout.max_entries, 1u));
  for (;;) {
    if (out.keys.size() < (size_t(out.count) + chunk) * layout.key_size) reserve_for(out, layout, out.count + chunk);
    bool done = false;
    Result<uint32_t> n = sys::map_lookup_batch(fd, first ? nullptr : in_token.data(), out_token.data(),
                                               out.keys.data() + size_t(out.count) * layout.key_size,
                                               out.values.data() + size_t(out.count) * layout.value_size, chunk,
                                               and_delete, done);
    if (!n.ok()) {
      bool unsupported = n.error().kind == ErrorKind::NotSupported || n.error().sys_errno == kKernelEnotsupp;
      if (unsupported && first) return false;
      if (n.error().sys_errno == ENOSPC && chunk < (1u << 24)) {
        chunk *= 2;
        continue;
      }
      return std::move(n).error();
    }
    out.count += *n;
    if (done) break;
    in_token = out_token;
    first = false;
  }
  return true;
}

Status read_one_by_one(int fd, const MapLayout& layout, bool and_delete, Entries& out) {
  std::vector<char> key(layout.key_size), next(layout.key_size);
  bool have_key = false;
  for (;;) {
    bool more = TK_TRY(sys::map_next_key(fd, have_key ? key.data() : nullptr, next.data()));
    if (!more) break;
    if (out.keys.size() < size_t(out.count + 1) * layout.key_size)
      reserve_for(out, layout, std::max(2 * out.count, 64u));
    char* value = out.values.data() + size_t(out.count) * layout.value_size;
    Status st = sys::map_lookup(fd, next.data(), value);
    if (st.ok()) {
      std::copy(next.begin(), next.end(), out.keys.begin() + size_t(out.count) * layout.key_size);
      ++out.count;
    } else if (st.error().sys_errno == kKernelEnotsupp || st.error().sys_errno == EOPNOTSUPP) {
      return Error::not_supported("reading this map type from user space",
                                  "cannot read the map's entries: the kernel lets user space only write them");
    } else if (st.error().kind != ErrorKind::NotFound) {
      return std::move(st).error();  // a key deleted between next_key and lookup is skipped
    }
    if (and_delete) {
      Status deleted = sys::map_delete(fd, next.data());
      if (!deleted.ok() && deleted.error().kind != ErrorKind::NotFound) return std::move(deleted).error();
      // The deleted key cannot be a cursor; start again from the first key.
      have_key = false;
      continue;
    }
    key.swap(next);
    have_key = true;
  }
  return ok_status();
}

}  // namespace

Result<Entries> read_all(int fd, const MapLayout& layout, bool and_delete) {
  Entries out;
  bool batched = TK_TRY(read_batched(fd, layout, and_delete, out));
  if (!batched) TK_TRY(read_one_by_one(fd, layout, and_delete, out));
  out.used_batch = batched;
  out.keys.resize(size_t(out.count) * layout.key_size);
  out.values.resize(size_t(out.count) * layout.value_size);
  return out;
}

Status delete_keys(int fd, const MapLayout& layout, const void* keys, uint32_t count) {
  uint32_t n = count;
  Status st = sys::map_delete_batch(fd, keys, n);
  if (st.ok()) return st;
  // NotSupported, or a missing key stopped the batch after `n` deletions: finish one by one.
  if (st.error().kind != ErrorKind::NotSupported && st.error().kind != ErrorKind::NotFound) return st;
  if (st.error().kind == ErrorKind::NotSupported) n = 0;
  const char* k = static_cast<const char*>(keys);
  for (uint32_t i = n; i < count; ++i) {
    Status d = sys::map_delete(fd, k + size_t(i) * layout.key_size);
    if (!d.ok() && d.error().kind != ErrorKind::NotFound) return d;
  }
  return ok_status();
}

Status delete_all(int fd, const MapLayout& layout) {
  Entries keys = TK_TRY(read_all(fd, {layout.key_size, layout.value_size, layout.max_entries}, false));
  return delete_keys(fd, layout, keys.keys.data(), keys.count);
}

Status update_entries(int fd, const MapLayout& layout, const void* keys, const void* values, uint32_t count,
                      uint64_t flags) {
  uint32_t n = count;
  Status st = sys::map_update_batch(fd, keys, values, n, flags);
  if (st.ok()) return st;
  if (st.error().kind != ErrorKind::NotSupported) return st;
  const char* k = static_cast<const char*>(keys);
  const char* v = static_cast<const char*>(values);
  for (uint32_t i = 0; i < count; ++i)
    TK_TRY(sys::map_update(fd, k + size_t(i) * layout.key_size, v + size_t(i) * layout.value_size, flags));
  return ok_status();
}

}  // namespace tracekit::maps
