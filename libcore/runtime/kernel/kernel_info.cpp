#include "runtime/kernel/kernel_info.h"

#include <sys/stat.h>
#include <sys/utsname.h>

#include <cstdlib>
#include <mutex>

#include "common/files.h"
#include "common/hash.h"
#include "runtime/sys/tracefs.h"

namespace tracekit::kernel {
namespace {

bool is_dir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Major.minor of a release string like "6.1.0-50-amd64".
std::pair<int, int> version_of(const std::string& release) {
  int major = 0, minor = 0;
  std::sscanf(release.c_str(), "%d.%d", &major, &minor);
  return {major, minor};
}

bool env_flag(const char* name) {
  const char* v = std::getenv(name);
  return v && *v && std::string(v) != "0";
}

KernelInfo detect() {
  KernelInfo info;
  struct utsname uts;
  ::uname(&uts);
  info.release = uts.release;
  if (path_exists("/sys/kernel/btf/vmlinux")) info.btf_path = "/sys/kernel/btf/vmlinux";

  std::string modules = "/lib/modules/" + info.release;
  if (is_dir(modules + "/build/include")) {
    info.headers_build = modules + "/build";
    info.headers_source = is_dir(modules + "/source/include") ? modules + "/source" : info.headers_build;
  }

  const char* forced = std::getenv("TRACEKIT_KERNEL_SOURCE");
  if (forced && std::string(forced) == "btf") {
    info.header_mode = compiler::HeaderMode::Btf;
    info.header_mode_reason = "TRACEKIT_KERNEL_SOURCE=btf";
  } else if (forced && *forced) {
    std::string dir = forced;
    info.headers_build = dir;
    std::string sibling = dir.substr(0, dir.find_last_of('/')) + "/source";
    info.headers_source = (dir.size() > 6 && dir.substr(dir.size() - 6) == "/build" && is_dir(sibling + "/include"))
                              ? sibling : dir;
    info.header_mode = compiler::HeaderMode::Headers;
    info.header_mode_reason = "TRACEKIT_KERNEL_SOURCE=" + dir;
  } else if (!info.headers_build.empty()) {
    info.header_mode = compiler::HeaderMode::Headers;
    info.header_mode_reason = "kernel headers found in " + info.headers_build;
  } else {
    info.header_mode = compiler::HeaderMode::Btf;
    info.header_mode_reason = info.btf_path.empty()
                                  ? "no kernel headers and no BTF"
                                  : "no kernel headers in " + modules + "/build; using BTF";
  }

  auto [major, minor] = version_of(info.release);
  bool wrappers = major > 4 || (major == 4 && minor >= 17);
  info.syscall_wrapper = wrappers;
  info.syscall_prefix = wrappers ? "__x64_sys_" : "sys_";
  info.kprobe_pmu = path_exists("/sys/bus/event_source/devices/kprobe/type");
  info.uprobe_pmu = path_exists("/sys/bus/event_source/devices/uprobe/type");
  // The legacy files matter only without a PMU; only then is tracefs mounted to look.
  if (!info.kprobe_pmu || !info.uprobe_pmu) {
    if (auto root = sys::tracefs_root(); root.ok()) {
      info.kprobe_events = path_exists(*root + "/kprobe_events");
      info.uprobe_events = path_exists(*root + "/uprobe_events");
    }
  } else {
    info.kprobe_events = path_exists("/sys/kernel/tracing/kprobe_events") ||
                         path_exists("/sys/kernel/debug/tracing/kprobe_events");
    info.uprobe_events = path_exists("/sys/kernel/tracing/uprobe_events") ||
                         path_exists("/sys/kernel/debug/tracing/uprobe_events");
  }
  if (env_flag("TRACEKIT_NO_KPROBES")) {
    info.kprobes_disabled = true;
    info.kprobe_pmu = false;
    info.kprobe_events = false;
  }
  info.force_legacy_probes = env_flag("TRACEKIT_LEGACY_PROBES");
  return info;
}

std::string boot_id() {
  auto text = read_special_file("/proc/sys/kernel/random/boot_id");
  if (!text.ok()) return "";
  std::string id = *text;
  while (!id.empty() && (id.back() == '\n' || id.back() == ' ')) id.pop_back();
  return id;
}

}  // namespace

const KernelInfo& kernel_info() {
  static std::once_flag once;
  static KernelInfo info;
  std::call_once(once, [] { info = detect(); });
  return info;
}

Result<std::string> kernel_types_identity(const KernelInfo& info) {
  static std::mutex mutex;
  static std::string cached;
  std::lock_guard lock(mutex);
  if (!cached.empty()) return cached;
  Hasher h;
  if (info.header_mode == compiler::HeaderMode::Btf) {
    if (info.btf_path.empty())
      return Error::not_supported("CONFIG_DEBUG_INFO_BTF",
                                  "this kernel has neither BTF (/sys/kernel/btf/vmlinux) nor headers "
                                  "(/lib/modules/" + info.release + "/build); install the kernel "
                                  "headers or set TRACEKIT_KERNEL_SOURCE");
    // The vmlinux BTF cannot change while the system runs: hash it once per boot.
    std::string memo = "/run/tracekit-btf-" + boot_id();
    if (auto text = read_file(memo); text.ok() && text->size() == 16) return cached = "btf-" + *text;
    std::string btf = TK_TRY(read_special_file(info.btf_path));
    std::string digest = Hasher().add(btf).hex();
    (void)write_file_atomic(memo, digest);
    return cached = "btf-" + digest;
  }
  h.add_field(info.headers_build).add_field(info.headers_source);
  for (const char* rel : {"/include/generated/utsrelease.h", "/include/generated/autoconf.h",
                          "/include/config/kernel.release"}) {
    auto text = read_file(info.headers_build + rel);
    h.add_field(text.ok() ? *text : "");
  }
  return cached = "hdr-" + h.hex();
}

}  // namespace tracekit::kernel
