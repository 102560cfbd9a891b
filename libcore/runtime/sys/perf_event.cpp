#include "runtime/sys/perf_event.h"

#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

#include "common/files.h"

namespace tracekit::sys {

Result<UniqueFd> perf_event_open(const perf_event_attr& attr, pid_t pid, int cpu, int group_fd) {
  int fd = int(::syscall(__NR_perf_event_open, &attr, pid, cpu, group_fd, PERF_FLAG_FD_CLOEXEC));
  if (fd < 0) return Error::sys(errno, "perf_event_open");
  return UniqueFd(fd);
}

Status attach_bpf_to_perf_event(int perf_fd, int prog_fd) {
  if (::ioctl(perf_fd, PERF_EVENT_IOC_SET_BPF, prog_fd) != 0)
    return Error::sys(errno, "PERF_EVENT_IOC_SET_BPF");
  if (::ioctl(perf_fd, PERF_EVENT_IOC_ENABLE, 0) != 0) return Error::sys(errno, "PERF_EVENT_IOC_ENABLE");
  return ok_status();
}

Result<int> dynamic_pmu_type(const std::string& pmu) {
  auto text = read_special_file("/sys/bus/event_source/devices/" + pmu + "/type");
  if (!text.ok()) return std::move(text).error();
  return std::stoi(*text);
}

Result<int> pmu_retprobe_bit(const std::string& pmu) {
  // The file reads "config:0".
  auto text = read_special_file("/sys/bus/event_source/devices/" + pmu + "/format/retprobe");
  if (!text.ok()) return std::move(text).error();
  size_t colon = text->find(':');
  if (colon == std::string::npos) return Error::invalid("unexpected retprobe format: " + *text);
  return std::stoi(text->substr(colon + 1));
}

}  // namespace tracekit::sys
