// Chooses how a kprobe or uprobe is created (probe_target.h) and attaches the program: with
// PERF_EVENT_IOC_SET_BPF, or through a BPF perf-event link when the program needs a cookie.
#include <cstdio>

#include "runtime/attach/probe_methods.h"
#include "runtime/sys/bpf_ops.h"
#include "runtime/sys/perf_event.h"

namespace tracekit::attach {
namespace {

Status attach_program(int perf_fd, int prog_fd, const ProbeTarget& target, Link& link) {
  if (!target.use_cookie) return sys::attach_bpf_to_perf_event(perf_fd, prog_fd);
  link.add_fd(TK_TRY(sys::perf_event_link(prog_fd, perf_fd, target.cookie)));
  return sys::perf_event_enable(perf_fd);
}

}  // namespace

std::string describe(const ProbeTarget& target) {
  bool kprobe = target.kind == ProbeTarget::Kind::Kprobe;
  std::string kind = std::string(target.retprobe ? (kprobe ? "kretprobe" : "uretprobe") : (kprobe ? "kprobe" : "uprobe"));
  char hex[32];
  std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(target.offset));
  if (kprobe) {
    if (target.name.empty()) return kind + " at " + hex;
    return kind + " '" + target.name + "'" + (target.offset ? "+" + std::to_string(target.offset) : "");
  }
  std::string out = kind + " '" + target.name + "':" + (target.symbol.empty() ? std::string(hex) : target.symbol);
  if (target.pid > 0) out += " (pid " + std::to_string(target.pid) + ")";
  return out;
}

Result<std::unique_ptr<Link>> attach_probe(int prog_fd, const ProbeTarget& target, ProbeMethod method) {
  bool kprobe = target.kind == ProbeTarget::Kind::Kprobe;
  std::string what = describe(target);
  // The PMUs know nothing of maxactive: such kretprobes go through tracefs when it can.
  bool wants_tracefs = method == ProbeMethod::Tracefs || (kprobe && target.retprobe && target.maxactive > 0);
  if (method != ProbeMethod::Tracefs) {
    ProbeTarget pmu_target = target;
    if (wants_tracefs) pmu_target.maxactive = 0;
    if (!wants_tracefs || method == ProbeMethod::Pmu) {
      auto fd = open_pmu_probe(pmu_target);
      if (fd.ok()) {
        auto link = std::make_unique<Link>(what, std::vector<UniqueFd>{});
        if (Status st = attach_program(fd->get(), prog_fd, target, *link); !st.ok())
          return std::move(st).error().context("cannot attach " + what + ": ");
        link->add_fd(std::move(fd).value());
        return link;
      }
      if (fd.error().kind != ErrorKind::NotSupported || method == ProbeMethod::Pmu) return std::move(fd).error();
    }
  }
  auto probe = open_tracefs_probe(target);
  if (!probe.ok()) {
    // maxactive asked for tracefs, which this kernel lacks: the PMU's default will do.
    if (wants_tracefs && method == ProbeMethod::Auto && probe.error().kind == ErrorKind::NotSupported) {
      ProbeTarget plain = target;
      plain.maxactive = 0;
      return attach_probe(prog_fd, plain, ProbeMethod::Pmu);
    }
    return std::move(probe).error();
  }
  auto link = std::make_unique<Link>(what + " via tracefs event " + probe->event, std::vector<UniqueFd>{});
  link->on_close(probe->remove);
  Status attached = attach_program(probe->perf_fd.get(), prog_fd, target, *link);
  link->add_fd(std::move(probe->perf_fd));
  if (!attached.ok()) return std::move(attached).error().context("cannot attach " + what + ": ");
  return link;
}

}  // namespace tracekit::attach
