#include "runtime/symbolize/build_id_cache.h"

#include "common/files.h"

namespace tracekit::symbolize {
namespace {

// Where a registered file is placed; any page-aligned address works.
constexpr uint64_t kBase = 0x400000000000ull;

Result<std::pair<std::unique_ptr<ElfModules>, uint64_t>> place(const std::string& path) {
  auto modules = TK_TRY(ElfModules::create());
  std::optional<uint64_t> start = modules->report(path, path, -1, kBase);
  if (!start) return Error::invalid("'" + path + "' is not an ELF file");
  modules->end_report();
  return std::make_pair(std::move(modules), *start);
}

}  // namespace

Result<std::string> BuildIdCache::add(const std::string& path) {
  if (!path_exists(path)) return Error::not_found("no file '" + path + "'");
  auto [modules, start] = TK_TRY(place(path));
  std::string id = modules->build_id_at(start);
  if (id.empty()) return Error::invalid("'" + path + "' has no build id (.note.gnu.build-id)");
  entries_[id] = Entry{path, std::move(modules), start};
  return id;
}

BuildIdCache::Entry* BuildIdCache::open(const std::string& build_id) {
  auto it = entries_.find(build_id);
  if (it != entries_.end()) return &it->second;
  if (build_id.size() < 3) return nullptr;
  std::string debug = "/usr/lib/debug/.build-id/" + build_id.substr(0, 2) + "/" + build_id.substr(2) + ".debug";
  if (!path_exists(debug)) return nullptr;
  auto placed = place(debug);
  if (!placed.ok()) return nullptr;
  return &(entries_[build_id] = Entry{debug, std::move(placed->first), placed->second});
}

Symbol BuildIdCache::resolve(const std::string& build_id, uint64_t offset) {
  Entry* entry = open(build_id);
  if (!entry) return {};
  uint64_t addr = entry->modules->address_of_file_offset(entry->start, offset);
  if (!addr) return {"", offset, entry->path};
  Symbol sym = entry->modules->resolve(addr);
  if (!sym.found()) return {"", offset, entry->path};
  return sym;
}

}  // namespace tracekit::symbolize
