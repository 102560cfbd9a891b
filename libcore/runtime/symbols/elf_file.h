// An ELF file opened with libelf, shared by the symbol and USDT note readers.
#pragma once

#include <libelf.h>

#include <memory>
#include <string>

#include "common/result.h"
#include "common/unique_fd.h"

namespace tracekit::symbols {

struct ElfFile {
  UniqueFd fd;
  Elf* elf = nullptr;
  std::string path;
  ElfFile() = default;
  ElfFile(const ElfFile&) = delete;
  ElfFile& operator=(const ElfFile&) = delete;
  ~ElfFile() {
    if (elf) elf_end(elf);
  }
};

Result<std::unique_ptr<ElfFile>> open_elf(const std::string& path);

// The file offset of virtual address `address` through the PT_LOAD segments (executable ones
// only unless `any_segment`); false when no segment holds it.
bool segment_offset(Elf* elf, uint64_t address, bool any_segment, uint64_t& offset);

}  // namespace tracekit::symbols
