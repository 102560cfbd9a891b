// USDT probes of a binary or shared library: the .note.stapsdt notes <sys/sdt.h> leaves.
//
// Each note describes one probe site: its address, the address of the probe's semaphore (a
// 16-bit counter the program checks before preparing costly arguments; 0 if none), the
// .stapsdt.base address the others are relative to (prelink may move sections after the note
// was written), provider, name and argument specs (usdt_args.h). A probe is all the sites with
// the same provider and name; they share a semaphore but not necessarily argument locations.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "runtime/symbols/usdt_args.h"

namespace tracekit::symbols {

struct UsdtLocation {
  uint64_t address = 0;      // link-time virtual address of the probe's nop
  uint64_t file_offset = 0;  // where a uprobe goes
  std::string arg_text;      // the note's argument string
  std::vector<UsdtArg> args;
  std::string arg_error;     // why the arguments could not be parsed ("" if they could)
};

struct UsdtProbe {
  std::string provider;
  std::string name;
  std::string path;
  uint64_t semaphore_address = 0;  // link-time virtual address, 0 without a semaphore
  uint64_t semaphore_offset = 0;   // its file offset (what the kernel's ref_ctr_offset wants)
  std::vector<UsdtLocation> locations;
  size_t arg_count() const { return locations.empty() ? 0 : locations.front().args.size(); }
};

// Every probe of `path`, in note order; empty if it has none.
Result<std::vector<UsdtProbe>> read_usdt_probes(const std::string& path);

}  // namespace tracekit::symbols
