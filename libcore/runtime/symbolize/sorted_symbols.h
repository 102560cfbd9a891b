// An address-sorted symbol table with the lookups symbolization needs: the symbol covering an
// address (the nearest one below it, within its size when the size is known) and a name's
// address. Kernel symbols and perf maps are both kept this way.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tracekit::symbolize {

struct TableSymbol {
  uint64_t address = 0;
  uint64_t size = 0;  // 0: unknown, extends to the next symbol
  std::string name;
  std::string module;
  bool global = true;  // of several symbols at one address, a global one is reported
};

class SortedSymbols {
 public:
  void add(TableSymbol symbol) { symbols_.push_back(std::move(symbol)); }
  // Sorts by address; of symbols that share one, the first global one is reported.
  void finish();
  size_t size() const { return symbols_.size(); }
  // The symbol covering addr, or nullptr.
  const TableSymbol* find(uint64_t addr) const;
  // The address of the first symbol named `name` (and of `module` unless empty), or 0.
  uint64_t address_of(const std::string& name, const std::string& module = "") const;

 private:
  std::vector<TableSymbol> symbols_;
};

}  // namespace tracekit::symbolize
