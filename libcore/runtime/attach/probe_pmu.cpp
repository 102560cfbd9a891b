// kprobes and uprobes through the perf PMUs (/sys/bus/event_source/devices/{kprobe,uprobe}):
// the probe exists only as long as the perf event fd, so nothing is left in tracefs, whatever
// happens to the process.
#include <cstring>

#include "runtime/attach/probe_methods.h"
#include "runtime/sys/perf_event.h"

namespace tracekit::attach {
namespace {

void set_field(perf_event_attr& attr, const sys::PmuField& field, uint64_t value) {
  __u64* slot = field.config == 0 ? &attr.config : field.config == 1 ? &attr.config1 : &attr.config2;
  *slot |= value << field.low_bit;
}

}  // namespace

Result<UniqueFd> open_pmu_probe(const ProbeTarget& target) {
  bool kprobe = target.kind == ProbeTarget::Kind::Kprobe;
  const std::string pmu = kprobe ? "kprobe" : "uprobe";
  std::string what = describe(target);
  auto type = sys::dynamic_pmu_type(pmu);
  if (!type.ok())
    return Error::not_supported(kprobe ? "CONFIG_KPROBES (kprobe PMU, Linux 4.17)" : "CONFIG_UPROBES (uprobe PMU, Linux 4.17)",
                                "cannot attach " + what + ": this kernel has no " + pmu +
                                    " PMU (/sys/bus/event_source/devices/" + pmu + ")");
  perf_event_attr attr;
  std::memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr;
  attr.type = uint32_t(*type);
  if (target.retprobe) set_field(attr, TK_TRY(sys::pmu_format_field(pmu, "retprobe")), 1);
  if (target.ref_ctr_offset) {
    auto field = sys::pmu_format_field(pmu, "ref_ctr_offset");
    if (!field.ok())
      return Error::not_supported("uprobe reference counters (ref_ctr_offset, Linux 4.20)",
                                  "cannot attach " + what + " with a USDT semaphore counted by the kernel");
    set_field(attr, *field, target.ref_ctr_offset);
  }
  // kprobe by address: no name, the address in config2.
  attr.config1 = target.name.empty() ? 0 : reinterpret_cast<uint64_t>(target.name.c_str());
  attr.config2 = target.offset;
  attr.sample_period = 1;
  attr.wakeup_events = 1;
  pid_t pid = target.pid > 0 ? target.pid : -1;
  auto fd = sys::perf_event_open(attr, pid, pid > 0 ? -1 : 0);
  if (!fd.ok()) {
    Error e = std::move(fd).error();
    if (e.sys_errno == ENOENT || e.sys_errno == EINVAL) {
      e.message = "cannot attach " + what + ": " +
                  (kprobe ? "no such kernel function, or it cannot be probed (blacklisted, inlined or notrace)"
                          : "the offset is not an instruction of the binary, or the file cannot be probed") +
                  " (" + e.message + ")";
      e.kind = e.sys_errno == ENOENT ? ErrorKind::NotFound : ErrorKind::InvalidArgument;
    } else if (e.sys_errno == ESRCH) {
      e.message = "cannot attach " + what + ": process " + std::to_string(pid) + " does not exist";
      e.kind = ErrorKind::NotFound;
    } else {
      e.context("cannot attach " + what + ": ");
    }
    return e;
  }
  return std::move(fd).value();
}

}  // namespace tracekit::attach
