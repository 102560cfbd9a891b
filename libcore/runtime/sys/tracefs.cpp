#include "runtime/sys/tracefs.h"

#include <sys/mount.h>

#include <cerrno>
#include <mutex>

#include "common/files.h"

namespace tracekit::sys {

Result<std::string> tracefs_root() {
  static std::mutex mutex;
  static std::string cached;
  std::lock_guard lock(mutex);
  if (!cached.empty()) return cached;
  for (const char* dir : {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"}) {
    if (path_exists(std::string(dir) + "/events")) return cached = dir;
  }
  if (::mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, nullptr) == 0 &&
      path_exists("/sys/kernel/tracing/events"))
    return cached = "/sys/kernel/tracing";
  int err = errno;
  if (err == ENODEV)
    return Error::not_supported("CONFIG_TRACING (tracefs)", "this kernel has no tracefs");
  return Error::sys(err, "tracefs is not mounted and mounting it on /sys/kernel/tracing failed");
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

}  // namespace tracekit::sys
