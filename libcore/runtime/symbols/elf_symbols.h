// Symbol lookups in ELF files, for uprobes: a symbol's file offset (what the uprobe PMU wants).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace tracekit::symbols {

struct ElfSymbol {
  std::string name;
  uint64_t address = 0;  // st_value
  uint64_t size = 0;
  uint64_t file_offset = 0;
};

// Function symbols of `path` (.symtab, else .dynsym).
Result<std::vector<ElfSymbol>> function_symbols(const std::string& path);
// The file offset of `symbol` in `path`.
Result<uint64_t> symbol_file_offset(const std::string& path, const std::string& symbol);
// Converts a virtual address of `path` into a file offset through its PT_LOAD segments.
Result<uint64_t> address_to_file_offset(const std::string& path, uint64_t address);

}  // namespace tracekit::symbols
