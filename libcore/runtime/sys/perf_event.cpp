#include "runtime/sys/perf_event.h"

#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

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
  return perf_event_enable(perf_fd);
}

Status perf_event_enable(int perf_fd) {
  if (::ioctl(perf_fd, PERF_EVENT_IOC_ENABLE, 0) != 0) return Error::sys(errno, "PERF_EVENT_IOC_ENABLE");
  return ok_status();
}

Result<int> dynamic_pmu_type(const std::string& pmu) {
  auto text = read_special_file("/sys/bus/event_source/devices/" + pmu + "/type");
  if (!text.ok()) return std::move(text).error();
  return std::stoi(*text);
}

Result<PmuField> pmu_format_field(const std::string& pmu, const std::string& field) {
  std::string path = "/sys/bus/event_source/devices/" + pmu + "/format/" + field;
  std::string text = TK_TRY(read_special_file(path));
  PmuField f;
  char name[16] = {};
  int n = std::sscanf(text.c_str(), "%15[a-z0-9]:%d-%d", name, &f.low_bit, &f.high_bit);
  if (n < 2) return Error::invalid("unexpected format in " + path + ": " + text);
  if (n == 2) f.high_bit = f.low_bit;
  std::string config = name;
  if (config == "config") f.config = 0;
  else if (config == "config1") f.config = 1;
  else if (config == "config2") f.config = 2;
  else return Error::invalid("unexpected format in " + path + ": " + text);
  return f;
}

}  // namespace tracekit::sys
