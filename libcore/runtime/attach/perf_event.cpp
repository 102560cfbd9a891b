// Programs on perf events (BPF_PROG_TYPE_PERF_EVENT): sampling on a hardware or software
// counter, one event per CPU or one for a process. Where the CPU has no PMU (most VMs, this
// host included) a hardware event becomes the software cpu-clock, which samples the same way
// on a timer, and the Link's description says so.
#include <linux/bpf.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iterator>

#include "common/files.h"
#include "runtime/attach/program_attach.h"
#include "runtime/sys/perf_event.h"

namespace tracekit::attach {
namespace {

Result<std::vector<int>> online_cpus() {
  std::string text = TK_TRY(read_special_file("/sys/devices/system/cpu/online"));
  std::vector<int> cpus;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t comma = text.find(',', pos);
    std::string part = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    int lo = 0, hi = 0;
    int n = std::sscanf(part.c_str(), "%d-%d", &lo, &hi);
    if (n >= 1)
      for (int c = lo; c <= (n == 2 ? hi : lo); ++c) cpus.push_back(c);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  if (cpus.empty()) return Error::internal("cannot parse /sys/devices/system/cpu/online: " + text);
  return cpus;
}

std::string event_name(uint32_t type, uint64_t config) {
  static const char* const hardware[] = {"cpu-cycles", "instructions", "cache-references", "cache-misses",
                                         "branch-instructions", "branch-misses", "bus-cycles",
                                         "stalled-cycles-frontend", "stalled-cycles-backend", "ref-cycles"};
  static const char* const software[] = {"cpu-clock", "task-clock", "page-faults", "context-switches",
                                         "cpu-migrations", "minor-faults", "major-faults", "alignment-faults",
                                         "emulation-faults", "dummy", "bpf-output"};
  if (type == PERF_TYPE_HARDWARE && config < std::size(hardware))
    return std::string("perf event hardware ") + hardware[config];
  if (type == PERF_TYPE_SOFTWARE && config < std::size(software))
    return std::string("perf event software ") + software[config];
  return "perf event type " + std::to_string(type) + " config " + std::to_string(config);
}

bool no_such_pmu(int err) { return err == ENOENT || err == EOPNOTSUPP || err == ENODEV || err == EINVAL; }

}  // namespace

Result<std::unique_ptr<Link>> attach_perf_event(load::BpfObject& object, const std::string& fn_name,
                                                const PerfEventOptions& options) {
  if (options.sample_period == 0 && options.sample_freq == 0)
    return Error::invalid("attach_perf_event: give sample_period or sample_freq");
  int prog_fd = TK_TRY(object.program_fd(fn_name, BPF_PROG_TYPE_PERF_EVENT));
  perf_event_attr attr;
  std::memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr;
  attr.type = options.type;
  attr.config = options.config;
  if (options.sample_period) {
    attr.sample_period = options.sample_period;
  } else {
    attr.freq = 1;
    attr.sample_freq = options.sample_freq;
  }
  std::vector<int> cpus;
  if (options.cpu >= 0)
    cpus.push_back(options.cpu);
  else if (options.pid > 0)
    cpus.push_back(-1);
  else
    cpus = TK_TRY(online_cpus());

  std::string what = event_name(options.type, options.config);
  std::string note;
  auto link = std::make_unique<Link>(what, std::vector<UniqueFd>{});
  for (int cpu : cpus) {
    auto fd = sys::perf_event_open(attr, options.pid > 0 ? options.pid : -1, cpu, options.group_fd);
    if (!fd.ok() && attr.type == PERF_TYPE_HARDWARE && no_such_pmu(fd.error().sys_errno)) {
      attr.type = PERF_TYPE_SOFTWARE;
      attr.config = PERF_COUNT_SW_CPU_CLOCK;
      note = " (no hardware PMU: software cpu-clock instead)";
      fd = sys::perf_event_open(attr, options.pid > 0 ? options.pid : -1, cpu, options.group_fd);
    }
    if (!fd.ok()) {
      Error e = std::move(fd).error();
      if (e.sys_errno == ESRCH) return Error::not_found("cannot attach " + what + ": process " + std::to_string(options.pid) + " does not exist");
      if (no_such_pmu(e.sys_errno))
        return Error::not_supported("perf event type " + std::to_string(options.type),
                                    "cannot attach " + what + ": this kernel or CPU does not have it (" + e.message + ")");
      return std::move(e).context("cannot attach " + what + (cpu >= 0 ? " on CPU " + std::to_string(cpu) : "") + ": ");
    }
    if (Status st = sys::attach_bpf_to_perf_event(fd->get(), prog_fd); !st.ok())
      return std::move(st).error().context("cannot attach " + what + ": ");
    link->add_fd(std::move(fd).value());
  }
  std::string where = cpus.size() == 1 && cpus[0] >= 0 ? "CPU " + std::to_string(cpus[0])
                      : cpus.size() == 1                  ? std::string("every CPU")
                                                          : std::to_string(cpus.size()) + " CPUs";
  link->set_description(what + note + (options.pid > 0 ? " for pid " + std::to_string(options.pid) : "") +
                        " on " + where);
  return link;
}

}  // namespace tracekit::attach
