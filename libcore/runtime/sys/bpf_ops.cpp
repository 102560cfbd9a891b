#include "runtime/sys/bpf_ops.h"

#include <bpf/bpf.h>
#include <sys/mman.h>

#include <utility>

#include <cerrno>

namespace tracekit::sys {

Status map_lookup(int fd, const void* key, void* value, uint64_t flags) {
  if (bpf_map_lookup_elem_flags(fd, key, value, flags) != 0) {
    int err = errno;
    if (err == ENOENT) return Error::not_found("key not found");
    return Error::sys(err, "BPF_MAP_LOOKUP_ELEM");
  }
  return ok_status();
}

Status map_update(int fd, const void* key, const void* value, uint64_t flags) {
  if (bpf_map_update_elem(fd, key, value, flags) != 0) return Error::sys(errno, "BPF_MAP_UPDATE_ELEM");
  return ok_status();
}

Status map_delete(int fd, const void* key) {
  if (bpf_map_delete_elem(fd, key) != 0) {
    int err = errno;
    if (err == ENOENT) return Error::not_found("key not found");
    return Error::sys(err, "BPF_MAP_DELETE_ELEM");
  }
  return ok_status();
}

Result<bool> map_next_key(int fd, const void* key, void* next_key) {
  if (bpf_map_get_next_key(fd, key, next_key) != 0) {
    if (errno == ENOENT) return false;
    return Error::sys(errno, "BPF_MAP_GET_NEXT_KEY");
  }
  return true;
}

Result<uint32_t> map_lookup_batch(int fd, void* in_batch, void* out_batch, void* keys, void* values,
                                  uint32_t count, bool delete_too, bool& done) {
  uint32_t n = count;
  LIBBPF_OPTS(bpf_map_batch_opts, opts);
  int rc = delete_too ? bpf_map_lookup_and_delete_batch(fd, in_batch, out_batch, keys, values, &n, &opts)
                      : bpf_map_lookup_batch(fd, in_batch, out_batch, keys, values, &n, &opts);
  done = false;
  if (rc != 0) {
    if (errno == ENOENT) {
      done = true;
      return n;
    }
    if (errno == EINVAL || errno == EOPNOTSUPP)
      return Error::not_supported("BPF_MAP_LOOKUP_BATCH (Linux 5.6)", "batch map operations are not supported");
    return Error::sys(errno, "BPF_MAP_LOOKUP_BATCH");
  }
  return n;
}

Result<UniqueFd> obj_get(const std::string& path) {
  int fd = bpf_obj_get(path.c_str());
  if (fd < 0) {
    if (errno == ENOENT) return Error::not_found("'" + path + "' is not pinned");
    return Error::sys(errno, "BPF_OBJ_GET '" + path + "'");
  }
  return UniqueFd(fd);
}

Result<UniqueFd> raw_tracepoint_open(const std::string& name, int prog_fd) {
  int fd = bpf_raw_tracepoint_open(name.c_str(), prog_fd);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) return Error::not_found("raw tracepoint '" + name + "' does not exist");
    if (err == EINVAL || err == ENOSYS)
      return Error::not_supported("raw tracepoints (Linux 4.17)", "cannot attach raw tracepoint '" + name + "'");
    return Error::sys(err, "cannot attach raw tracepoint '" + name + "'");
  }
  return UniqueFd(fd);
}

Status obj_pin(int fd, const std::string& path) {
  if (bpf_obj_pin(fd, path.c_str()) != 0) return Error::sys(errno, "BPF_OBJ_PIN '" + path + "'");
  return ok_status();
}

// ---- Map commands of the Python table API (issue 5) ----------------------------------------

namespace {

// The kernel answers ENOTSUPP (524, kernel-internal, no libc name) for map types without batch ops.
constexpr int kKernelEnotsupp = 524;

bool batch_unsupported(int err) {
  return err == EINVAL || err == EOPNOTSUPP || err == ENOSYS || err == kKernelEnotsupp;
}

}  // namespace

Status map_lookup_and_delete(int fd, const void* key, void* value) {
  if (bpf_map_lookup_and_delete_elem(fd, key, value) != 0) {
    int err = errno;
    if (err == ENOENT) return Error::not_found(key ? "key not found" : "the map is empty");
    if (err == EOPNOTSUPP || err == EINVAL || err == kKernelEnotsupp)
      return Error::not_supported("BPF_MAP_LOOKUP_AND_DELETE_ELEM for this map type (Linux 4.20, 5.14 for hashes)",
                                  "cannot pop from the map");
    return Error::sys(err, "BPF_MAP_LOOKUP_AND_DELETE_ELEM");
  }
  return ok_status();
}

Status map_delete_batch(int fd, const void* keys, uint32_t& count) {
  LIBBPF_OPTS(bpf_map_batch_opts, opts);
  if (bpf_map_delete_batch(fd, keys, &count, &opts) != 0) {
    int err = errno;
    if (batch_unsupported(err))
      return Error::not_supported("BPF_MAP_DELETE_BATCH (Linux 5.6)", "batch delete is not supported for this map");
    if (err == ENOENT) return Error::not_found("a key of the batch is not in the map");
    return Error::sys(err, "BPF_MAP_DELETE_BATCH");
  }
  return ok_status();
}

Status map_update_batch(int fd, const void* keys, const void* values, uint32_t& count, uint64_t flags) {
  LIBBPF_OPTS(bpf_map_batch_opts, opts, .elem_flags = flags);
  if (bpf_map_update_batch(fd, keys, values, &count, &opts) != 0) {
    int err = errno;
    if (batch_unsupported(err))
      return Error::not_supported("BPF_MAP_UPDATE_BATCH (Linux 5.6)", "batch update is not supported for this map");
    return Error::sys(err, "BPF_MAP_UPDATE_BATCH");
  }
  return ok_status();
}

Result<UniqueFd> map_create(const MapCreateSpec& spec) {
  LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = spec.flags);
  if (spec.inner_map_fd >= 0) opts.inner_map_fd = uint32_t(spec.inner_map_fd);
  int fd = bpf_map_create(bpf_map_type(spec.type), spec.name.empty() ? nullptr : spec.name.c_str(), spec.key_size,
                          spec.value_size, spec.max_entries, &opts);
  if (fd < 0) {
    int err = errno;
    return Error::sys(err, "map '" + spec.name + "': BPF_MAP_CREATE (type " + std::to_string(spec.type) + ")");
  }
  return UniqueFd(fd);
}

Result<UniqueFd> tracing_attach(int prog_fd, const std::string& what) {
  int fd = bpf_raw_tracepoint_open(nullptr, prog_fd);
  if (fd < 0) return Error::sys(errno, "cannot attach " + what);
  return UniqueFd(fd);
}

Result<UniqueFd> link_create(int prog_fd, int target_fd, unsigned attach_type, uint32_t flags,
                             const std::string& what) {
  LIBBPF_OPTS(bpf_link_create_opts, opts, .flags = flags);
  int fd = bpf_link_create(prog_fd, target_fd, bpf_attach_type(attach_type), &opts);
  if (fd < 0) return Error::sys(errno, "cannot attach " + what + " (BPF_LINK_CREATE)");
  return UniqueFd(fd);
}

Result<UniqueFd> perf_event_link(int prog_fd, int perf_fd, uint64_t cookie) {
  LIBBPF_OPTS(bpf_link_create_opts, opts);
  opts.perf_event.bpf_cookie = cookie;
  int fd = bpf_link_create(prog_fd, perf_fd, BPF_PERF_EVENT, &opts);
  if (fd < 0) {
    int err = errno;
    if (err == EINVAL || err == EOPNOTSUPP)
      return Error::not_supported("BPF perf event links with cookies (Linux 5.15)",
                                  "this kernel cannot pass a cookie to a perf-event program");
    return Error::sys(err, "BPF_LINK_CREATE (perf event)");
  }
  return UniqueFd(fd);
}

Result<MapInfo> map_info(int fd) {
  struct bpf_map_info info = {};
  uint32_t len = sizeof(info);
  if (bpf_obj_get_info_by_fd(fd, &info, &len) != 0) return Error::sys(errno, "BPF_OBJ_GET_INFO_BY_FD (map)");
  return MapInfo{info.type, info.id, info.key_size, info.value_size, info.max_entries, info.map_flags, info.name};
}

Result<UniqueFd> map_fd_by_id(unsigned id) {
  int fd = bpf_map_get_fd_by_id(id);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) return Error::not_found("no map with id " + std::to_string(id));
    return Error::sys(err, "BPF_MAP_GET_FD_BY_ID " + std::to_string(id));
  }
  return UniqueFd(fd);
}

MapMemory::MapMemory(MapMemory&& other) noexcept
    : address_(std::exchange(other.address_, nullptr)), length_(std::exchange(other.length_, 0)) {}

MapMemory& MapMemory::operator=(MapMemory&& other) noexcept {
  if (this != &other) {
    if (address_) ::munmap(address_, length_);
    address_ = std::exchange(other.address_, nullptr);
    length_ = std::exchange(other.length_, 0);
  }
  return *this;
}

MapMemory::~MapMemory() {
  if (address_) ::munmap(address_, length_);
}

Result<MapMemory> map_mmap(int fd, size_t length, size_t offset, bool writable) {
  void* address = ::mmap(nullptr, length, PROT_READ | (writable ? PROT_WRITE : 0), MAP_SHARED, fd, off_t(offset));
  if (address == MAP_FAILED) return Error::sys(errno, "mmap of a BPF map");
  return MapMemory(address, length);
}

Status prog_attach(int prog_fd, int target_fd, unsigned attach_type, unsigned flags) {
  if (bpf_prog_attach(prog_fd, target_fd, bpf_attach_type(attach_type), flags) != 0)
    return Error::sys(errno, "BPF_PROG_ATTACH (attach type " + std::to_string(attach_type) + ")");
  return ok_status();
}

Status prog_detach(int prog_fd, int target_fd, unsigned attach_type) {
  if (bpf_prog_detach2(prog_fd, target_fd, bpf_attach_type(attach_type)) != 0)
    return Error::sys(errno, "BPF_PROG_DETACH (attach type " + std::to_string(attach_type) + ")");
  return ok_status();
}

Result<UniqueFd> load_trivial_program(const TrivialProgram& program) {
  const struct bpf_insn insns[] = {
      {BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0},  // r0 = 0
      {BPF_JMP | BPF_EXIT, 0, 0, 0, 0},                     // exit
  };
  LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = bpf_attach_type(program.expected_attach_type),
              .attach_btf_id = program.attach_btf_id);
  int fd = bpf_prog_load(bpf_prog_type(program.type), "tk_probe", "GPL", insns, 2, &opts);
  if (fd < 0) return Error::sys(errno, "BPF_PROG_LOAD (probe of program type " + std::to_string(program.type) + ")");
  return UniqueFd(fd);
}

Result<UniqueFd> map_create(unsigned type, unsigned key_size, unsigned value_size, unsigned max_entries) {
  return map_create(MapCreateSpec{.type = type, .name = "tk_probe", .key_size = key_size, .value_size = value_size,
                                  .max_entries = max_entries});
}

}  // namespace tracekit::sys
