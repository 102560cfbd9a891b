// Symbol caches by pid, as BPF.sym() uses them: a process's symbols are read once and kept,
// also after the process exits (its stacks can still be printed), and read again when the
// process has called exec() since (ProcessIdentity changed).
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

 private:
  std::map<pid_t, std::unique_ptr<ProcessSymbols>> caches_;
};

}  // namespace tracekit::symbolize
