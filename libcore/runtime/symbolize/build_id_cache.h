// Build-id symbolization (BPF.add_module): stack traces stored with BPF_F_STACK_BUILD_ID hold,
// per frame, the build id of the file and an offset into it, so they resolve after the process
// has exited and on another machine, given a copy of the binary. Files are registered with
// add(); lookups also try /usr/lib/debug/.build-id/xx/yyyy.debug.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "common/result.h"
#include "runtime/symbolize/elf_modules.h"
#include "runtime/symbolize/symbol.h"

namespace tracekit::symbolize {

class BuildIdCache {
 public:
  // Registers an ELF file; returns its build id (lowercase hex) or an error if it has none.
  Result<std::string> add(const std::string& path);
  // The symbol at file offset `offset` of the file with `build_id` (hex).
  Symbol resolve(const std::string& build_id, uint64_t offset);

 private:
  struct Entry {
    std::string path;
    std::unique_ptr<ElfModules> modules;  // the file alone
    uint64_t start = 0;                   // where it was placed
  };
  Entry* open(const std::string& build_id);
  std::map<std::string, Entry> entries_;
};

}  // namespace tracekit::symbolize
