// Symbol caches by pid, as BPF.sym() uses them: a process's symbols are read once and kept,
// also after the process exits (its stacks can still be printed), and read again when the
// process has called exec() since (ProcessIdentity changed). libdwfl keeps every mapped file
// open, so only the kMaxProcesses most recently used processes are kept: a system-wide
// profiler must not run out of file descriptors.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>

#include "common/result.h"
#include "runtime/symbolize/process_symbols.h"

namespace tracekit::symbolize {

class SymbolCaches {
 public:
  // The symbols of pid, read now or taken from the cache if still current.
  Result<ProcessSymbols*> get(pid_t pid);
  void forget(pid_t pid) { caches_.erase(pid); }
  void clear() { caches_.clear(); }
  static constexpr size_t kMaxProcesses = 64;

 private:
  struct Entry {
    std::unique_ptr<ProcessSymbols> symbols;
    uint64_t last_use = 0;
  };
  void evict_if_full();
  std::map<pid_t, Entry> caches_;
  uint64_t clock_ = 0;
};

}  // namespace tracekit::symbolize
