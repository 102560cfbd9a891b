#include "runtime/sys/tracefs.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>

#include "common/files.h"
#include "common/unique_fd.h"

namespace tracekit::sys {
namespace {

// Mounts `type` on `dir` unless `probe` (a file inside it) already exists; remembers the answer.
Result<std::string> mounted_on_demand(const char* type, const std::string& dir, const std::string& probe,
                                      std::string& cached, std::mutex& mutex, const char* feature) {
  std::lock_guard lock(mutex);
  if (!cached.empty()) return cached;
  if (path_exists(dir + "/" + probe)) return cached = dir;
  if (::mount(type, dir.c_str(), type, 0, nullptr) == 0 && path_exists(dir + "/" + probe)) return cached = dir;
  int err = errno;
  if (err == ENODEV) return Error::not_supported(feature, std::string("this kernel has no ") + type);
  return Error::sys(err, std::string(type) + " is not mounted and mounting it on " + dir + " failed");
}

}  // namespace

Result<std::string> tracefs_root() {
  static std::mutex mutex;
  static std::string cached;
  {
    std::lock_guard lock(mutex);
    if (!cached.empty()) return cached;
    for (const char* dir : {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"})
      if (path_exists(std::string(dir) + "/events")) return cached = dir;
  }
  return mounted_on_demand("tracefs", "/sys/kernel/tracing", "events", cached, mutex, "CONFIG_TRACING (tracefs)");
}

Result<std::string> debugfs_root() {
  static std::mutex mutex;
  static std::string cached;
  // Any populated debugfs has "bdi" or "kprobes" or "tracing"; an empty mount point has none.
  for (const char* probe : {"kprobes", "bdi"})
    if (path_exists(std::string("/sys/kernel/debug/") + probe)) return std::string("/sys/kernel/debug");
  return mounted_on_demand("debugfs", "/sys/kernel/debug", "bdi", cached, mutex, "CONFIG_DEBUG_FS (debugfs)");
}

Result<std::string> securityfs_root() {
  static std::mutex mutex;
  static std::string cached;
  return mounted_on_demand("securityfs", "/sys/kernel/security", "lsm", cached, mutex,
                           "CONFIG_SECURITYFS (securityfs)");
}

Result<int> tracepoint_id(const std::string& category, const std::string& event) {
  std::string root = TK_TRY(tracefs_root());
  std::string path = root + "/events/" + category + "/" + event + "/id";
  auto text = read_special_file(path);
  if (!text.ok()) {
    if (text.error().kind == ErrorKind::NotFound)
      return Error::not_found("tracepoint '" + category + ":" + event + "' does not exist");
    return std::move(text).error();
  }
  return std::stoi(*text);
}

bool tracepoint_exists(const std::string& category, const std::string& event) {
  auto root = tracefs_root();
  return root.ok() && path_exists(*root + "/events/" + category + "/" + event + "/id");
}

Status probe_event_write(const std::string& file, const std::string& definition) {
  std::string root = TK_TRY(tracefs_root());
  std::string path = root + "/" + file;
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT)
      return Error::not_supported(file == "kprobe_events" ? "CONFIG_KPROBE_EVENTS" : "CONFIG_UPROBE_EVENTS",
                                  "this kernel has no " + path);
    return Error::sys(errno, "cannot open " + path);
  }
  std::string line = definition + "\n";
  ssize_t n;
  do {
    n = ::write(fd.get(), line.data(), line.size());
  } while (n < 0 && errno == EINTR);
  if (n < 0) return Error::sys(errno, "writing '" + definition + "' to " + path);
  return ok_status();
}

Result<std::vector<std::string>> probe_event_list(const std::string& file) {
  std::string root = TK_TRY(tracefs_root());
  auto text = read_special_file(root + "/" + file);
  if (!text.ok()) {
    if (text.error().kind == ErrorKind::NotFound) return std::vector<std::string>{};
    return std::move(text).error();
  }
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text->size()) {
    size_t end = text->find('\n', start);
    if (end == std::string::npos) end = text->size();
    if (end > start) out.push_back(text->substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace tracekit::sys
