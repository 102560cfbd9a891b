#include "runtime/cache/object_cache.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "common/files.h"
#include "common/hash.h"
#include "common/log.h"

namespace tracekit::cache {
namespace {

// Entry layout: magic(8) | elf size(8) | metadata size(8) | checksum(8) | elf | metadata
constexpr char kMagic[8] = {'T', 'K', 'O', 'B', 'J', '0', '0', '1'};
constexpr size_t kHeaderSize = 32;

uint64_t read_u64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

void append_u64(std::string& out, uint64_t v) { out.append(reinterpret_cast<const char*>(&v), 8); }

uint64_t checksum(std::string_view elf, std::string_view metadata) {
  return Hasher().add_field(elf).add_field(metadata).digest();
}

}  // namespace

ObjectCache ObjectCache::from_environment() {
  const char* off = std::getenv("TRACEKIT_NO_CACHE");
  if (off && *off && std::string(off) != "0") return ObjectCache("");
  if (const char* dir = std::getenv("TRACEKIT_CACHE_DIR"); dir && *dir) return ObjectCache(dir);
  if (::geteuid() == 0) return ObjectCache("/var/cache/tracekit");
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return ObjectCache(std::string(xdg) + "/tracekit");
  if (const char* home = std::getenv("HOME"); home && *home) return ObjectCache(std::string(home) + "/.cache/tracekit");
  return ObjectCache("");
}

std::string ObjectCache::path_for(const std::string& key) const { return dir_ + "/" + key + ".tko"; }

std::optional<CachedObject> ObjectCache::get(const std::string& key) const {
  if (!enabled()) return std::nullopt;
  std::string path = path_for(key);
  auto data = read_file(path);
  if (!data.ok()) return std::nullopt;
  auto drop = [&](const char* why) -> std::optional<CachedObject> {
    log(LogLevel::Warning, "object cache: dropping damaged entry " + path + " (" + why + ")");
    ::unlink(path.c_str());
    return std::nullopt;
  };
  const std::string& d = *data;
  if (d.size() < kHeaderSize || std::memcmp(d.data(), kMagic, 8) != 0) return drop("bad header");
  uint64_t elf_size = read_u64(d.data() + 8);
  uint64_t meta_size = read_u64(d.data() + 16);
  uint64_t sum = read_u64(d.data() + 24);
  if (elf_size > d.size() || meta_size > d.size() || kHeaderSize + elf_size + meta_size != d.size())
    return drop("truncated");
  CachedObject object{d.substr(kHeaderSize, elf_size), d.substr(kHeaderSize + elf_size, meta_size)};
  if (checksum(object.elf, object.metadata) != sum) return drop("checksum mismatch");
  return object;
}

void ObjectCache::put(const std::string& key, const CachedObject& object) const {
  if (!enabled()) return;
  if (auto made = make_dirs(dir_, 0755); !made.ok()) {
    log(LogLevel::Debug, "object cache: " + made.error().message);
    return;
  }
  std::string entry(kMagic, 8);
  append_u64(entry, object.elf.size());
  append_u64(entry, object.metadata.size());
  append_u64(entry, checksum(object.elf, object.metadata));
  entry += object.elf;
  entry += object.metadata;
  if (auto written = write_file_atomic(path_for(key), entry); !written.ok())
    log(LogLevel::Debug, "object cache: " + written.error().message);
}

}  // namespace tracekit::cache
