// The symbols of one process: the ELF files in its /proc/PID/maps (through libdwfl) and its
// perf map for JIT code.
//
// Files are opened as the process sees them: through /proc/PID/root for processes in another
// mount namespace (containers), and through /proc/PID/map_files/<range> for files deleted
// since they were mapped (an upgraded library, a test binary removed while running) and for
// memfd mappings, which have no path at all. PIE executables and libraries are placed at the
// address their first segment was mapped at.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "runtime/symbolize/elf_modules.h"
#include "runtime/symbolize/process_maps.h"
#include "runtime/symbolize/sorted_symbols.h"
#include "runtime/symbolize/symbol.h"

namespace tracekit::symbolize {

// What changes when a process calls exec(): its executable and its auxiliary vector (which
// holds per-exec random and entry addresses). The pid and start time stay the same.
struct ProcessIdentity {
  uint64_t exe_dev = 0;
  uint64_t exe_ino = 0;
  uint64_t auxv_hash = 0;
  bool operator==(const ProcessIdentity&) const = default;
};

// The identity of `pid`, or nullopt if the process is gone.
std::optional<ProcessIdentity> process_identity(pid_t pid);

class ProcessSymbols {
 public:
  static Result<std::unique_ptr<ProcessSymbols>> load(pid_t pid);

  Symbol resolve(uint64_t addr);
  // The address of function `name` in the mapped file whose path or basename is `module`.
  uint64_t address_of(const std::string& module, const std::string& name) const;
  // The build id and file offset of addr, for build-id stack traces.
  std::string build_id_at(uint64_t addr) const { return modules_->build_id_at(addr); }
  const ProcessIdentity& identity() const { return identity_; }
  size_t module_count() const { return module_count_; }

 private:
  ProcessSymbols() = default;
  Status read();
  std::string open_path(const MappedFile& file, int& fd) const;

  pid_t pid_ = 0;
  ProcessIdentity identity_;
  std::vector<Mapping> mappings_;
  std::unique_ptr<ElfModules> modules_;
  size_t module_count_ = 0;
  std::optional<SortedSymbols> perf_map_;  // read on the first address in anonymous code
  int64_t read_at_ns_ = 0;
};

}  // namespace tracekit::symbolize
