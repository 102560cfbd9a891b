// A set of ELF files placed at load addresses, symbolized through libdwfl: one per process
// (its executable and libraries), or one per build-id file. libdwfl finds the symbols in
// .symtab, .dynsym, the separate debug file (.gnu_debuglink next to the file or under
// /usr/lib/debug, or /usr/lib/debug/.build-id/xx/yyyy.debug) and MiniDebugInfo.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "common/result.h"
#include "runtime/symbolize/symbol.h"

struct Dwfl;

namespace tracekit::symbolize {

struct LibdwApi;

class ElfModules {
 public:
  static Result<std::unique_ptr<ElfModules>> create();
  ~ElfModules();
  ElfModules(const ElfModules&) = delete;
  ElfModules& operator=(const ElfModules&) = delete;

  // Reports `module` (the name lookups return) read from `file_name`, or from `fd` if >= 0
  // (consumed either way), with its first PT_LOAD segment at `base`. Call end_report() after
  // the last one. Returns where the module starts (ET_EXEC files stay at their link address,
  // whatever `base`), or nullopt if the file is not a usable ELF file.
  std::optional<uint64_t> report(const std::string& module, const std::string& file_name, int fd, uint64_t base);
  void end_report();

  // The symbol covering addr; for an address in a module without a covering symbol, only
  // `module` and `offset` (from the module's start) are set.
  Symbol resolve(uint64_t addr) const;
  // The address of function `name` in `module` (a reported module name, or "" for any).
  uint64_t address_of(const std::string& module, const std::string& name) const;
  // The lowercase hex build id of the module holding `addr`, if it has one.
  std::string build_id_at(uint64_t addr) const;
  // The address where file offset `offset` of the module holding `near` is mapped (0 if none).
  uint64_t address_of_file_offset(uint64_t near, uint64_t offset) const;

 private:
  ElfModules() = default;
  const LibdwApi* api_ = nullptr;
  struct Dwfl* dwfl_ = nullptr;
};

}  // namespace tracekit::symbolize
