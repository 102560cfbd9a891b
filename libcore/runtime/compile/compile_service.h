// Program text to BPF object: the object cache first, the compiler library on a miss.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"

namespace tracekit::compile {

struct CompileOptions {
  std::string text;
  std::string source_name = "program.c";
  std::vector<std::string> cflags;
  unsigned debug_flags = 0;  // BCC's DEBUG_* bits; any set bypasses the cache
};

struct CompiledProgram {
  std::string elf;
  std::string metadata;    // JSON, see docs/metadata.md
  std::string debug_text;  // what debug_flags asked for
  bool from_cache = false;
  std::vector<Diagnostic> warnings;
  std::vector<std::pair<std::string, double>> phases;  // ms per phase, cache misses only
};

Result<CompiledProgram> compile_program(const CompileOptions& options);
// The cache key the options would use on this kernel (exposed for tests and tools).
Result<std::string> cache_key(const CompileOptions& options);

}  // namespace tracekit::compile
