#include "runtime/symbolize/symbol_cache.h"

namespace tracekit::symbolize {

Result<ProcessSymbols*> SymbolCaches::get(pid_t pid) {
  auto it = caches_.find(pid);
  if (it != caches_.end()) {
    auto now = process_identity(pid);
    // Gone: keep what we read. Same identity: still current.
    if (!now || *now == it->second.symbols->identity()) {
      it->second.last_use = ++clock_;
      return it->second.symbols.get();
    }
  }
  auto loaded = TK_TRY(ProcessSymbols::load(pid));
  ProcessSymbols* out = loaded.get();
  if (it == caches_.end()) evict_if_full();
  caches_[pid] = Entry{std::move(loaded), ++clock_};
  return out;
}

void SymbolCaches::evict_if_full() {
  if (caches_.size() < kMaxProcesses) return;
  auto oldest = caches_.begin();
  for (auto it = caches_.begin(); it != caches_.end(); ++it)
    if (it->second.last_use < oldest->second.last_use) oldest = it;
  caches_.erase(oldest);
}

}  // namespace tracekit::symbolize
