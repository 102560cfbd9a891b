#include "compiler/kernel_types/leading_includes.h"

#include <cctype>

namespace tracekit::compiler {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// "<linux/sched.h>" from `#include <linux/sched.h>` (spaces allowed after '#'), else "".
std::string angle_include(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.front() != '#') return "";
  line = trim(line.substr(1));
  if (line.substr(0, 7) != "include") return "";
  line = trim(line.substr(7));
  if (line.size() < 3 || line.front() != '<') return "";
  size_t close = line.find('>');
  if (close == std::string_view::npos) return "";
  std::string_view after = trim(line.substr(close + 1));
  if (!after.empty() && after.substr(0, 2) != "//") return "";
  return std::string(line.substr(1, close - 1));
}

}  // namespace

LeadingIncludes split_leading_includes(const std::string& source) {
  LeadingIncludes out;
  out.rest = source;
  bool in_comment = false;
  size_t pos = 0;
  while (pos < source.size()) {
    size_t end = source.find('\n', pos);
    if (end == std::string::npos) end = source.size();
    std::string_view line(source.data() + pos, end - pos);
    std::string_view t = trim(line);
    if (in_comment) {
      if (t.find("*/") != std::string_view::npos) {
        if (!trim(t.substr(t.find("*/") + 2)).empty()) break;
        in_comment = false;
      }
    } else if (t.empty() || t.substr(0, 2) == "//") {
      // blank or comment line
    } else if (t.substr(0, 2) == "/*") {
      size_t close = t.find("*/", 2);
      if (close == std::string_view::npos) in_comment = true;
      else if (!trim(t.substr(close + 2)).empty()) break;
    } else if (std::string header = angle_include(line); !header.empty()) {
      out.headers.push_back(header);
      for (size_t i = pos; i < end; ++i) out.rest[i] = ' ';
    } else {
      break;
    }
    pos = end + 1;
  }
  return out;
}

}  // namespace tracekit::compiler
