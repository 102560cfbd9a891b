#include "runtime/symbolize/process_symbols.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <ctime>

#include "common/clock.h"
#include "common/files.h"
#include "common/hash.h"
#include "runtime/symbolize/perf_map.h"

namespace tracekit::symbolize {
namespace {

std::string proc(pid_t pid) { return "/proc/" + std::to_string(pid); }

// True if `pid` sees the same root directory as this process (no mount namespace between).
bool same_root(pid_t pid) {
  struct stat mine, theirs;
  if (::stat("/", &mine) != 0 || ::stat((proc(pid) + "/root/").c_str(), &theirs) != 0) return true;
  return mine.st_dev == theirs.st_dev && mine.st_ino == theirs.st_ino;
}

std::string basename_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::optional<ProcessIdentity> process_identity(pid_t pid) {
  struct stat exe;
  if (::stat((proc(pid) + "/exe").c_str(), &exe) != 0) return std::nullopt;
  ProcessIdentity id;
  id.exe_dev = exe.st_dev;
  id.exe_ino = exe.st_ino;
  auto auxv = read_special_file(proc(pid) + "/auxv");
  if (auxv.ok()) id.auxv_hash = hash_bytes(*auxv);
  return id;
}

Result<std::unique_ptr<ProcessSymbols>> ProcessSymbols::load(pid_t pid) {
  std::unique_ptr<ProcessSymbols> self(new ProcessSymbols());
  self->pid_ = pid;
  TK_TRY(self->read());
  return self;
}

std::string ProcessSymbols::open_path(const MappedFile& file, int& fd) const {
  fd = -1;
  if (!file.deleted) {
    std::string path = same_root(pid_) ? file.path : proc(pid_) + "/root" + file.path;
    if (path_exists(path)) return path;
  }
  // Deleted files and memfds: the kernel still holds the mapped file; map_files opens it.
  const Mapping& m = file.first();
  char range[64];
  std::snprintf(range, sizeof range, "%" PRIx64 "-%" PRIx64, m.start, m.end);
  std::string path = proc(pid_) + "/map_files/" + range;
  fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  return path;
}

Status ProcessSymbols::read() {
  auto identity = process_identity(pid_);
  mappings_ = TK_TRY(read_maps(pid_));
  if (identity) identity_ = *identity;
  modules_ = TK_TRY(ElfModules::create());
  module_count_ = 0;
  for (const MappedFile& file : executable_files(mappings_)) {
    int fd = -1;
    std::string path = open_path(file, fd);
    if (fd < 0 && !path_exists(path)) continue;
    if (modules_->report(file.path, path, fd, file.load_address)) ++module_count_;
  }
  modules_->end_report();
  perf_map_.reset();
  read_at_ns_ = monotonic_ns();
  return ok_status();
}

Symbol ProcessSymbols::resolve(uint64_t addr) {
  Symbol sym = modules_->resolve(addr);
  if (!sym.module.empty()) return sym;
  if (!in_anonymous_code(mappings_, addr)) {
    // Not mapped when the maps were read: a library dlopen()ed since? Re-read, at most once
    // a second, so that a stream of unknown addresses does not re-read on every lookup.
    if (monotonic_ns() - read_at_ns_ < 1000000000 || !read().ok()) return {};
    sym = modules_->resolve(addr);
    if (!sym.module.empty() || !in_anonymous_code(mappings_, addr)) return sym;
  }
  if (!perf_map_) {
    std::string path = perf_map_path(pid_);
    auto text = read_special_file(path);
    perf_map_ = parse_perf_map(text.ok() ? *text : "", "/tmp/" + basename_of(path));
  }
  const TableSymbol* s = perf_map_->find(addr);
  if (!s) return {};
  return {s->name, addr - s->address, s->module};
}

uint64_t ProcessSymbols::address_of(const std::string& module, const std::string& name) const {
  for (const MappedFile& file : executable_files(mappings_)) {
    if (module.empty() || file.path == module || basename_of(file.path) == module ||
        basename_of(file.path).rfind(module + ".so", 0) == 0 || basename_of(file.path).rfind("lib" + module + ".so", 0) == 0) {
      uint64_t addr = modules_->address_of(file.path, name);
      if (addr) return addr;
    }
  }
  return 0;
}

}  // namespace tracekit::symbolize
