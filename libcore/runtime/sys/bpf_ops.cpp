#include "runtime/sys/bpf_ops.h"

#include <bpf/bpf.h>

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

}  // namespace tracekit::sys
