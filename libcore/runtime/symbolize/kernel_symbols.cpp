#include "runtime/symbolize/kernel_symbols.h"

#include <cstdlib>
#include <ctime>

#include "common/clock.h"
#include "common/files.h"

namespace tracekit::symbolize {

SortedSymbols parse_kallsyms(const std::string& text) {
  SortedSymbols out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    // "<hex address> <type> <name>[\t[<module>]]"
    size_t sp1 = line.find(' ');
    if (sp1 == std::string_view::npos || sp1 + 3 > line.size()) continue;
    char type = line[sp1 + 1];
    if (type == 'a' || type == 'A' || type == 'U') continue;  // absolute values are not code
    uint64_t addr = std::strtoull(std::string(line.substr(0, sp1)).c_str(), nullptr, 16);
    if (addr == 0) continue;
    std::string_view rest = line.substr(sp1 + 3);
    std::string module = "kernel";
    size_t tab = rest.find('\t');
    std::string_view name = rest.substr(0, tab);
    if (tab != std::string_view::npos) {
      std::string_view mod = rest.substr(tab + 1);
      if (mod.size() >= 2 && mod.front() == '[' && mod.back() == ']') module = std::string(mod.substr(1, mod.size() - 2));
    }
    // Upper-case types are global symbols: __x64_sys_getppid rather than a local alias.
    bool global = type >= 'A' && type <= 'Z';
    out.add({addr, 0, std::string(name), std::move(module), global});
  }
  out.finish();
  return out;
}

KernelSymbols& KernelSymbols::instance() {
  static KernelSymbols symbols;
  return symbols;
}

void KernelSymbols::load() {
  auto text = read_special_file("/proc/kallsyms");
  symbols_ = text.ok() ? parse_kallsyms(*text) : SortedSymbols();
  loaded_ = true;
  loaded_at_ns_ = monotonic_ns();
}

Symbol KernelSymbols::resolve(uint64_t addr) {
  if (!loaded_) load();
  const TableSymbol* s = symbols_.find(addr);
  if (!s && monotonic_ns() - loaded_at_ns_ > 1000000000) {
    load();
    s = symbols_.find(addr);
  }
  if (!s) return {};
  return {s->name, addr - s->address, s->module};
}

uint64_t KernelSymbols::address_of(const std::string& name) {
  if (!loaded_) load();
  size_t colon = name.find(':');
  if (colon != std::string::npos) return symbols_.address_of(name.substr(colon + 1), name.substr(0, colon));
  return symbols_.address_of(name);
}

size_t KernelSymbols::size() {
  if (!loaded_) load();
  return symbols_.size();
}

}  // namespace tracekit::symbolize
