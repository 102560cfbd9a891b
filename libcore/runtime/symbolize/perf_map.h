// Perf maps: JIT compilers (V8/node --perf-basic-prof, the JVM with perf-map-agent, LuaJIT...)
// write "<start hex> <size hex> <name>" lines to /tmp/perf-<pid>.map for code they generate in
// anonymous memory, which has no ELF file to read symbols from.
#pragma once

#include <sys/types.h>

#include <string>

#include "runtime/symbolize/sorted_symbols.h"

namespace tracekit::symbolize {

SortedSymbols parse_perf_map(const std::string& text, const std::string& module);

// The perf map path of `pid` seen from this process: /proc/<pid>/root/tmp/perf-<nspid>.map,
// where nspid is the pid inside the process's own pid namespace (what the JIT writes).
std::string perf_map_path(pid_t pid);

}  // namespace tracekit::symbolize
