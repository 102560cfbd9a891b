// kprobes and uprobes through the perf PMUs (/sys/bus/event_source/devices/{kprobe,uprobe}):
// the probe exists only as long as the perf event fd, so nothing is left in tracefs, whatever
// happens to the process.
#include "runtime/attach/probe_pmu.h"

#include <cstring>

#include "runtime/sys/perf_event.h"

namespace tracekit::attach {

Result<std::unique_ptr<Link>> attach_probe_pmu(int prog_fd, const ProbeTarget& target) {
  std::string what = target.pmu + (target.retprobe ? " (return)" : "") + " '" + target.name + "'";
  auto type = sys::dynamic_pmu_type(target.pmu);
  if (!type.ok())
    return Error::not_supported(target.pmu == "kprobe" ? "CONFIG_KPROBES (kprobe PMU, Linux 4.17)"
                                                       : "CONFIG_UPROBES (uprobe PMU, Linux 4.17)",
                                "cannot attach " + what + ": this kernel has no " + target.pmu +
                                    " PMU (/sys/bus/event_source/devices/" + target.pmu + ")");
  perf_event_attr attr;
  std::memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr;
  attr.type = uint32_t(*type);
  if (target.retprobe) {
    int bit = TK_TRY(sys::pmu_retprobe_bit(target.pmu));
    attr.config |= 1ull << bit;
  }
  attr.config1 = reinterpret_cast<uint64_t>(target.name.c_str());
  attr.config2 = target.offset;
  attr.sample_period = 1;
  attr.wakeup_events = 1;
  pid_t pid = target.pid > 0 ? target.pid : -1;
  auto fd = sys::perf_event_open(attr, pid, pid > 0 ? -1 : 0);
  if (!fd.ok()) {
    Error e = std::move(fd).error();
    if (e.sys_errno == ENOENT || e.sys_errno == EINVAL)
      e.message = "cannot attach " + what + ": no such function or symbol, or it cannot be probed (" +
                  e.message + ")";
    else
      e.context("cannot attach " + what + ": ");
    if (e.sys_errno == ENOENT) e.kind = ErrorKind::NotFound;
    return e;
  }
  UniqueFd perf_fd = std::move(fd).value();
  if (auto st = sys::attach_bpf_to_perf_event(perf_fd.get(), prog_fd); !st.ok())
    return std::move(st).error().context("cannot attach " + what + ": ");
  std::vector<UniqueFd> fds;
  fds.push_back(std::move(perf_fd));
  return std::make_unique<Link>(what, std::move(fds));
}

}  // namespace tracekit::attach
