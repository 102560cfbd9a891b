// Kernel symbols from /proc/kallsyms, with the module each belongs to ("kernel" for the core
// kernel, as BCC names it). Addresses read as zero without CAP_SYSLOG (kptr_restrict); the
// table is then empty and lookups find nothing.
#pragma once

#include <string>

#include "common/result.h"
#include "runtime/symbolize/sorted_symbols.h"
#include "runtime/symbolize/symbol.h"

namespace tracekit::symbolize {

// Parses kallsyms text ("ffffffff81000000 T _stext", "... t ext4_sync_fs\t[ext4]").
SortedSymbols parse_kallsyms(const std::string& text);

class KernelSymbols {
 public:
  // The process-wide table, read on first use and re-read when a lookup misses (a module
  // may have been loaded since), at most once a second.
  static KernelSymbols& instance();
  Symbol resolve(uint64_t addr);
  // The address of `name` (optionally "module:name"), or 0.
  uint64_t address_of(const std::string& name);
  size_t size();

 private:
  void load();
  SortedSymbols symbols_;
  bool loaded_ = false;
  int64_t loaded_at_ns_ = 0;
};

}  // namespace tracekit::symbolize
