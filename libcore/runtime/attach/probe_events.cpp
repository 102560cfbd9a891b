// Legacy kprobes and uprobes through tracefs (kprobe_events, uprobe_events), for kernels
// without the perf PMUs and for kretprobes with maxactive. See probe_target.h for the naming
// that lets `tracekit reset-trace` find the leftovers of a killed process.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "runtime/attach/probe_methods.h"
#include "runtime/sys/perf_event.h"
#include "runtime/sys/tracefs.h"

namespace tracekit::attach {
namespace {

constexpr size_t kMaxEventName = 63;  // the kernel's MAX_EVENT_NAME_LEN is 64 with the NUL

std::string event_name(const ProbeTarget& target) {
  static std::atomic<unsigned> sequence{0};
  bool kprobe = target.kind == ProbeTarget::Kind::Kprobe;
  std::string subject = target.name;
  if (!kprobe) {
    size_t slash = subject.rfind('/');
    if (slash != std::string::npos) subject = subject.substr(slash + 1);
    char off[24];
    std::snprintf(off, sizeof off, "_0x%llx", static_cast<unsigned long long>(target.offset));
    subject += off;
  }
  std::string name = std::string(target.retprobe ? "r" : "p") + "_" + std::to_string(::getpid()) + "_" +
                     std::to_string(sequence++) + "_";
  for (char c : subject) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (name.size() > kMaxEventName) name.resize(kMaxEventName);
  return name;
}

std::string definition(const ProbeTarget& target, const std::string& event) {
  bool kprobe = target.kind == ProbeTarget::Kind::Kprobe;
  std::string head = target.retprobe ? "r" : "p";
  if (kprobe && target.retprobe && target.maxactive > 0) head += std::to_string(target.maxactive);
  head += ":" + std::string(kProbeEventGroup) + "/" + event + " ";
  char hex[64];
  if (kprobe) {
    if (target.name.empty()) {
      std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(target.offset));
      return head + hex;
    }
    if (target.offset) return head + target.name + "+" + std::to_string(target.offset);
    return head + target.name;
  }
  std::snprintf(hex, sizeof hex, ":0x%llx", static_cast<unsigned long long>(target.offset));
  std::string out = head + target.name + hex;
  if (target.ref_ctr_offset) {
    std::snprintf(hex, sizeof hex, "(0x%llx)", static_cast<unsigned long long>(target.ref_ctr_offset));
    out += hex;
  }
  return out;
}

// The pid a tracekit event name carries ("p_1234_0_..."), or 0.
pid_t owner_of(const std::string& event) {
  unsigned long pid = 0;
  char kind = 0;
  if (std::sscanf(event.c_str(), "%c_%lu_", &kind, &pid) != 2) return 0;
  return pid_t(pid);
}

}  // namespace

Result<TracefsProbe> open_tracefs_probe(const ProbeTarget& target) {
  bool kprobe = target.kind == ProbeTarget::Kind::Kprobe;
  const std::string file = kprobe ? "kprobe_events" : "uprobe_events";
  std::string what = describe(target);
  if (!kprobe && target.name.find_first_of(" \t\n") != std::string::npos)
    return Error::invalid("cannot attach " + what + " through tracefs: the path contains white space");
  std::string event = event_name(target);
  std::string def = definition(target, event);
  if (Status st = sys::probe_event_write(file, def); !st.ok()) {
    Error e = std::move(st).error();
    if (e.kind == ErrorKind::NotSupported) {
      e.feature = kprobe ? "CONFIG_KPROBES (kprobe_events)" : "CONFIG_UPROBES (uprobe_events)";
      e.message = "cannot attach " + what + ": this kernel has neither the " + (kprobe ? "kprobe" : "uprobe") +
                  " PMU nor tracefs " + file;
    } else if (e.sys_errno == ENOENT || e.sys_errno == EINVAL) {
      e.message = "cannot attach " + what + ": " +
                  (kprobe ? "no such kernel function, or it cannot be probed" : "the binary or offset cannot be probed") +
                  " (tracefs " + file + " refused '" + def + "': " + std::strerror(e.sys_errno) + ")";
      e.kind = e.sys_errno == ENOENT ? ErrorKind::NotFound : ErrorKind::InvalidArgument;
    } else {
      e.context("cannot attach " + what + ": ");
    }
    return e;
  }
  std::string full = std::string(kProbeEventGroup) + "/" + event;
  auto remove = [file, full] { (void)sys::probe_event_write(file, "-:" + full); };
  auto id = sys::tracepoint_id(kProbeEventGroup, event);
  if (!id.ok()) {
    remove();
    return std::move(id).error().context("cannot attach " + what + ": ");
  }
  perf_event_attr attr;
  std::memset(&attr, 0, sizeof attr);
  attr.type = PERF_TYPE_TRACEPOINT;
  attr.size = sizeof attr;
  attr.config = uint64_t(*id);
  attr.sample_period = 1;
  attr.wakeup_events = 1;
  pid_t pid = target.pid > 0 ? target.pid : -1;
  auto fd = sys::perf_event_open(attr, pid, pid > 0 ? -1 : 0);
  if (!fd.ok()) {
    remove();
    return std::move(fd).error().context("cannot attach " + what + " (tracefs event " + full + "): ");
  }
  return TracefsProbe{std::move(fd).value(), remove, full};
}

Result<std::vector<std::string>> remove_stale_probe_events(bool all) {
  std::vector<std::string> removed;
  const std::string prefix = std::string(kProbeEventGroup) + "/";
  for (const char* file : {"kprobe_events", "uprobe_events"}) {
    auto lines = sys::probe_event_list(file);
    if (!lines.ok()) {
      if (lines.error().kind == ErrorKind::NotSupported) continue;
      return std::move(lines).error();
    }
    for (const std::string& line : *lines) {
      // "p:tracekit/p_123_0_do_nanosleep do_nanosleep"
      size_t colon = line.find(':');
      size_t space = line.find(' ');
      if (colon == std::string::npos || space == std::string::npos || space < colon) continue;
      std::string full = line.substr(colon + 1, space - colon - 1);
      if (full.rfind(prefix, 0) != 0) continue;
      pid_t owner = owner_of(full.substr(prefix.size()));
      bool alive = owner > 0 && (::kill(owner, 0) == 0 || errno == EPERM);
      if (alive && !all) continue;
      Status st = sys::probe_event_write(file, "-:" + full);
      if (!st.ok()) return std::move(st).error().context("cannot remove " + full + ": ");
      removed.push_back(full);
    }
  }
  return removed;
}

}  // namespace tracekit::attach
