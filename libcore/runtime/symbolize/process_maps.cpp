#include "runtime/symbolize/process_maps.h"

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <map>
#include <sstream>

#include "common/files.h"

namespace tracekit::symbolize {
namespace {

constexpr char kDeleted[] = " (deleted)";

bool is_file_path(const std::string& path) { return !path.empty() && path[0] == '/'; }

}  // namespace

std::vector<Mapping> parse_maps(const std::string& text) {
  std::vector<Mapping> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    Mapping m;
    char perms[8] = {};
    unsigned dev_major = 0, dev_minor = 0;
    int path_at = 0;
    if (std::sscanf(line.c_str(), "%" SCNx64 "-%" SCNx64 " %7s %" SCNx64 " %x:%x %" SCNu64 " %n", &m.start, &m.end,
                    perms, &m.offset, &dev_major, &dev_minor, &m.inode, &path_at) < 7)
      continue;
    m.executable = perms[2] == 'x';
    if (path_at > 0 && size_t(path_at) <= line.size()) m.path = line.substr(size_t(path_at));
    size_t n = sizeof(kDeleted) - 1;
    if (m.path.size() > n && m.path.compare(m.path.size() - n, n, kDeleted) == 0) {
      m.path.resize(m.path.size() - n);
      m.deleted = true;
    }
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<MappedFile> executable_files(const std::vector<Mapping>& mappings) {
  std::map<std::pair<std::string, uint64_t>, MappedFile> files;
  std::vector<std::pair<std::string, uint64_t>> order;
  for (const Mapping& m : mappings) {
    if (!is_file_path(m.path)) continue;
    auto key = std::make_pair(m.path, m.inode);
    auto [it, inserted] = files.try_emplace(key);
    if (inserted) order.push_back(key);
    MappedFile& f = it->second;
    f.path = m.path;
    f.deleted = m.deleted;
    f.inode = m.inode;
    f.mappings.push_back(m);
  }
  std::vector<MappedFile> out;
  for (const auto& key : order) {
    MappedFile& f = files[key];
    bool executable = false;
    const Mapping* lowest = &f.mappings.front();
    for (const Mapping& m : f.mappings) {
      executable = executable || m.executable;
      if (m.offset < lowest->offset) lowest = &m;
    }
    if (!executable) continue;
    f.load_address = lowest->start - lowest->offset;
    out.push_back(std::move(f));
  }
  return out;
}

bool in_anonymous_code(const std::vector<Mapping>& mappings, uint64_t addr) {
  for (const Mapping& m : mappings)
    if (addr >= m.start && addr < m.end) return m.executable && !is_file_path(m.path);
  return false;
}

Result<std::vector<Mapping>> read_maps(pid_t pid) {
  std::string path = "/proc/" + std::to_string(pid) + "/maps";
  auto text = read_special_file(path);
  if (!text.ok()) {
    Error e = std::move(text).error();
    if (e.sys_errno == ENOENT || e.kind == ErrorKind::NotFound) return Error::not_found("process " + std::to_string(pid) + " does not exist");
    return e;
  }
  return parse_maps(*text);
}

}  // namespace tracekit::symbolize
