#include "compiler/source_listing.h"

#include <map>
#include <sstream>
#include <vector>

namespace tracekit::compiler {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

std::string annotate_assembly(const std::string& assembly, const std::string& source,
                              const std::string& source_name) {
  std::vector<std::string> source_lines = lines_of(source);
  std::map<int, bool> program_files;  // .file number -> is the program's own file
  std::string out;
  int last_line = -1;
  for (const std::string& line : lines_of(assembly)) {
    std::string t = trim(line);
    if (t.rfind(".file", 0) == 0) {
      std::istringstream in(t.substr(5));
      int number = 0;
      if (in >> number) program_files[number] = t.find("\"" + source_name + "\"") != std::string::npos;
      continue;
    }
    if (t.rfind(".loc", 0) == 0) {
      std::istringstream in(t.substr(4));
      int file = 0, number = 0;
      if (in >> file >> number && program_files[file] && number != last_line && number >= 1 &&
          size_t(number) <= source_lines.size()) {
        out += "; " + trim(source_lines[number - 1]) + " // Line " + std::to_string(number) + "\n";
        last_line = number;
      }
      continue;
    }
    // Keep instructions, labels and section changes; drop the debug-info tables.
    if (t.empty() || t.rfind(".Ltmp", 0) == 0 || t.rfind(".cfi", 0) == 0) continue;
    if (t.rfind(".section\t.debug", 0) == 0 || t.rfind(".section\t.BTF", 0) == 0) break;
    out += line + "\n";
  }
  return out;
}

}  // namespace tracekit::compiler
