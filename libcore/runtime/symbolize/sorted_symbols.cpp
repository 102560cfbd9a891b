#include "runtime/symbolize/sorted_symbols.h"

#include <algorithm>

namespace tracekit::symbolize {

void SortedSymbols::finish() {
  std::stable_sort(symbols_.begin(), symbols_.end(), [](const TableSymbol& a, const TableSymbol& b) {
    return a.address != b.address ? a.address < b.address : a.global && !b.global;
  });
}

const TableSymbol* SortedSymbols::find(uint64_t addr) const {
  auto it = std::upper_bound(symbols_.begin(), symbols_.end(), addr,
                             [](uint64_t a, const TableSymbol& s) { return a < s.address; });
  if (it == symbols_.begin()) return nullptr;
  --it;
  // Of several symbols at one address, report the first in finish()'s order.
  uint64_t at = it->address;
  while (it != symbols_.begin() && (it - 1)->address == at) --it;
  if (it->size != 0 && addr >= it->address + it->size) return nullptr;
  return &*it;
}

uint64_t SortedSymbols::address_of(const std::string& name, const std::string& module) const {
  for (const TableSymbol& s : symbols_)
    if (s.name == name && (module.empty() || s.module == module)) return s.address;
  return 0;
}

}  // namespace tracekit::symbolize
