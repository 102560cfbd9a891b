#include "runtime/symbolize/symbol_cache.h"

namespace tracekit::symbolize {

Result<ProcessSymbols*> SymbolCaches::get(pid_t pid) {
  auto it = caches_.find(pid);
  if (it != caches_.end()) {
    auto now = process_identity(pid);
    // Gone: keep what we read. Same identity: still current.
    if (!now || *now == it->second->identity()) return it->second.get();
  }
  auto loaded = TK_TRY(ProcessSymbols::load(pid));
  ProcessSymbols* out = loaded.get();
  caches_[pid] = std::move(loaded);
  return out;
}

}  // namespace tracekit::symbolize
