#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "common/result.h"
#include "runtime/attach/link.h"

namespace tracekit::attach {

struct ProbeTarget {
  std::string pmu;    // "kprobe" or "uprobe"
  std::string name;   // kprobe: function; uprobe: binary path
  uint64_t offset = 0;  // kprobe: offset into the function; uprobe: file offset
  bool retprobe = false;
  pid_t pid = -1;     // uprobes: only this process
};

// Creates a kprobe or uprobe through its perf PMU and attaches the program to it.
Result<std::unique_ptr<Link>> attach_probe_pmu(int prog_fd, const ProbeTarget& target);

}  // namespace tracekit::attach
