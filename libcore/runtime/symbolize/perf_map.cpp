#include "runtime/symbolize/perf_map.h"

#include <cstdlib>
#include <sstream>

#include "common/files.h"

namespace tracekit::symbolize {

SortedSymbols parse_perf_map(const std::string& text, const std::string& module) {
  SortedSymbols out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    char* end = nullptr;
    uint64_t start = std::strtoull(line.c_str(), &end, 16);
    if (end == line.c_str() || *end != ' ') continue;
    char* size_end = nullptr;
    uint64_t size = std::strtoull(end + 1, &size_end, 16);
    if (size_end == end + 1 || *size_end != ' ') continue;
    std::string name(size_end + 1);
    if (name.empty()) continue;
    out.add({start, size, std::move(name), module});
  }
  out.finish();
  return out;
}

std::string perf_map_path(pid_t pid) {
  std::string proc = "/proc/" + std::to_string(pid);
  pid_t nspid = pid;
  auto status = read_special_file(proc + "/status");
  if (status.ok()) {
    // "NSpid:\t<pid in the outermost ns> ... <pid in the innermost ns>"
    size_t at = status->find("\nNSpid:");
    if (at != std::string::npos) {
      size_t eol = status->find('\n', at + 1);
      std::istringstream fields(status->substr(at + 7, eol - at - 7));
      long value;
      while (fields >> value) nspid = pid_t(value);
    }
  }
  return proc + "/root/tmp/perf-" + std::to_string(nspid) + ".map";
}

}  // namespace tracekit::symbolize
