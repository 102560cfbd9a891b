// Symbol lookups in ELF files, for uprobes and USDT: a symbol's file offset (what the uprobe
// PMU wants), addresses to file offsets through the program headers.
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

// Function symbols of `path` (.symtab, else .dynsym), in an executable segment.
Result<std::vector<ElfSymbol>> function_symbols(const std::string& path);
// The file offset of function `symbol` in `path`.
Result<uint64_t> symbol_file_offset(const std::string& path, const std::string& symbol);
// The address (st_value) of any symbol (function or object) in `path`.
Result<uint64_t> symbol_address(const std::string& path, const std::string& symbol);
// Converts a virtual address of `path` into a file offset through its PT_LOAD segments
// (executable ones only, unless `any_segment`: a USDT semaphore lives in data).
Result<uint64_t> address_to_file_offset(const std::string& path, uint64_t address, bool any_segment = false);
// True for ET_DYN objects (shared libraries and PIE executables).
Result<bool> is_position_independent(const std::string& path);

}  // namespace tracekit::symbols
