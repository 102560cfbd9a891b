// /proc/PID/maps, read into the files a process has mapped, for symbolization.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace tracekit::symbolize {

struct Mapping {
  uint64_t start = 0;
  uint64_t end = 0;
  uint64_t offset = 0;  // file offset of `start`
  bool executable = false;
  uint64_t inode = 0;
  std::string path;  // as the kernel shows it: "/usr/lib/x.so", "/memfd:jit (deleted)", "[vdso]", ""
  bool deleted = false;  // the path ended in " (deleted)" (the suffix is removed from `path`)
};

// A file-backed object (executable, shared library, memfd) and where it is mapped.
struct MappedFile {
  std::string path;  // without " (deleted)"
  bool deleted = false;
  uint64_t inode = 0;
  uint64_t load_address = 0;  // where file offset 0 is (or would be) mapped
  std::vector<Mapping> mappings;
  // A mapping whose /proc/PID/map_files/<start>-<end> entry opens the file itself, which
  // works for deleted files and memfds (root only).
  const Mapping& first() const { return mappings.front(); }
};

std::vector<Mapping> parse_maps(const std::string& text);
// Groups the mappings by file; only files with an executable mapping (what addresses in a
// stack can point into) are kept.
std::vector<MappedFile> executable_files(const std::vector<Mapping>& mappings);
// True if [addr] lies in an anonymous executable mapping (JIT code: perf maps describe it).
bool in_anonymous_code(const std::vector<Mapping>& mappings, uint64_t addr);

Result<std::vector<Mapping>> read_maps(pid_t pid);

}  // namespace tracekit::symbolize
