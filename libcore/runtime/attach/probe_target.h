// Dynamic probes (kprobes and uprobes) and the two ways the kernel offers to create them.
//
// The perf PMUs (/sys/bus/event_source/devices/{kprobe,uprobe}, Linux 4.17) create a probe
// that lives exactly as long as its perf event fd: nothing can be left behind. The legacy
// tracefs interface (kprobe_events, uprobe_events) creates a named event that outlives the
// process unless removed; tracekit uses it only where the PMU is missing or cannot do what is
// asked (kretprobe maxactive), names its events tracekit/<kind>_<pid>_<seq>_<target> so that
// leftovers of a killed process can be recognised (`tracekit reset-trace`), and removes them
// when the Link closes.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"
#include "runtime/attach/link.h"

namespace tracekit::attach {

struct ProbeTarget {
  enum class Kind { Kprobe, Uprobe };
  Kind kind = Kind::Kprobe;
  std::string name;       // kprobe: function; uprobe: binary path
  uint64_t offset = 0;    // kprobe: offset into the function (or address without name);
                          // uprobe: file offset
  bool retprobe = false;
  pid_t pid = -1;         // uprobes: only this process
  int maxactive = 0;      // kretprobes: instances tracked at once (tracefs only)
  uint64_t ref_ctr_offset = 0;  // uprobes: file offset of a USDT semaphore the kernel counts
  uint64_t cookie = 0;    // bpf_get_attach_cookie() value (attached through a BPF link)
  bool use_cookie = false;
  std::string symbol;     // uprobes: the symbol the offset came from, for messages
};

enum class ProbeMethod { Auto, Pmu, Tracefs };

// The tracefs group of tracekit's legacy events.
inline constexpr const char* kProbeEventGroup = "tracekit";

// Creates the probe (PMU where possible, else tracefs) and attaches the program to it.
Result<std::unique_ptr<Link>> attach_probe(int prog_fd, const ProbeTarget& target,
                                           ProbeMethod method = ProbeMethod::Auto);

// "kprobe 'do_nanosleep'", "uretprobe '/usr/bin/bash':0x1234"...
std::string describe(const ProbeTarget& target);

// Removes tracekit's tracefs events whose creating process is gone (all of them with
// `all`); returns the names removed. Events of live processes are left alone.
Result<std::vector<std::string>> remove_stale_probe_events(bool all);

}  // namespace tracekit::attach
