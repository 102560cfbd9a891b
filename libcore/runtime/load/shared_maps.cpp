#include "runtime/load/shared_maps.h"

#include <bpf/libbpf.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <cerrno>
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

#include "common/unique_fd.h"
#include "runtime/sys/bpf_ops.h"

namespace tracekit::load::shared_maps {
namespace {

struct Export {
  UniqueFd fd;
  const void* owner = nullptr;
};

std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}

std::map<std::string, Export>& registry() {
  static std::map<std::string, Export> exports;
  return exports;
}

Result<nlohmann::json> maps_of(const std::string& metadata_json) {
  try {
    return nlohmann::json::parse(metadata_json).at("maps");
  } catch (const std::exception& e) {
    return Error::invalid(std::string("damaged object metadata: ") + e.what());
  }
}

// Pins live on a BPF file system; say so plainly when the path is elsewhere (libbpf would
// report a failed mkdir).
Status check_bpffs(const std::string& name, const std::string& path) {
  std::string dir = path.substr(0, path.find_last_of('/'));
  struct statfs fs {};
  while (!dir.empty() && ::statfs(dir.c_str(), &fs) != 0) dir = dir.substr(0, dir.find_last_of('/'));
  if (dir.empty() || fs.f_type != BPF_FS_MAGIC)
    return Error::invalid("table '" + name + "': cannot pin at " + path + ": " + (dir.empty() ? "/" : dir) +
                          " is not on a BPF file system; mount one (mount -t bpf bpf /sys/fs/bpf) "
                          "or pin under an existing one");
  return ok_status();
}

Status reuse(struct bpf_map* map, int fd, const std::string& what) {
  int err = bpf_map__reuse_fd(map, fd);
  if (err) return Error::sys(-err, "table '" + std::string(bpf_map__name(map)) + "': cannot use " + what);
  return ok_status();
}

}  // namespace

Status configure(struct bpf_object* object, const std::string& metadata_json) {
  nlohmann::json maps = TK_TRY(maps_of(metadata_json));
  for (const auto& m : maps) {
    std::string name = m.value("name", "");
    struct bpf_map* map = bpf_object__find_map_by_name(object, name.c_str());
    if (!map) continue;
    if (m.value("type", "") == "extern") {
      std::lock_guard lock(registry_mutex());
      auto it = registry().find(name);
      if (it == registry().end())
        return Error::not_found("table '" + name + "' is declared \"extern\", but no BPF object loaded by "
                                "this process exports a table of that name; load the program that "
                                "declares it with BPF_TABLE_PUBLIC or BPF_TABLE_SHARED first");
      TK_TRY(reuse(map, it->second.fd.get(), "the exported table of that name"));
    }
    std::string path = m.value("pinned", "");
    if (path.empty()) continue;
    auto pinned = sys::obj_get(path);
    if (pinned.ok()) {
      // reuse_fd dups the fd: ours closes here.
      TK_TRY(reuse(map, pinned->get(), "the map pinned at " + path));
    } else if (pinned.error().kind == ErrorKind::NotFound) {
      TK_TRY(check_bpffs(name, path));
      if (int err = bpf_map__set_pin_path(map, path.c_str()))
        return Error::sys(-err, "table '" + name + "': cannot pin at " + path);
    } else {
      Error e = std::move(pinned).error();
      return std::move(e.context("table '" + name + "': "));
    }
  }
  return ok_status();
}

Status publish(struct bpf_object* object, const std::string& metadata_json, const void* owner) {
  nlohmann::json maps = TK_TRY(maps_of(metadata_json));
  std::lock_guard lock(registry_mutex());
  for (const auto& m : maps) {
    if (m.value("share", "").empty()) continue;
    std::string name = m.value("name", "");
    struct bpf_map* map = bpf_object__find_map_by_name(object, name.c_str());
    if (!map || bpf_map__fd(map) < 0) continue;
    int fd = ::fcntl(bpf_map__fd(map), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) return Error::sys(errno, "table '" + name + "': cannot export it");
    registry()[name] = Export{UniqueFd(fd), owner};
  }
  return ok_status();
}

void withdraw(const void* owner) {
  std::lock_guard lock(registry_mutex());
  for (auto it = registry().begin(); it != registry().end();)
    it = it->second.owner == owner ? registry().erase(it) : std::next(it);
}

}  // namespace tracekit::load::shared_maps
