#include "runtime/cache/object_cache.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "common/files.h"
#include "common/hash.h"
#include "common/log.h"

namespace tracekit::cache {
namespace {

// Entry layout: magic(8) | elf size(8) | metadata size(8) | sources size(8) | checksum(8) |
// elf | metadata | sources, where sources are lines "<16 hex digits> <absolute path>\n".
constexpr char kMagic[8] = {'T', 'K', 'O', 'B', 'J', '0', '0', '2'};
constexpr size_t kHeaderSize = 40;

uint64_t read_u64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

void append_u64(std::string& out, uint64_t v) { out.append(reinterpret_cast<const char*>(&v), 8); }

uint64_t checksum(std::string_view elf, std::string_view metadata, std::string_view sources) {
  return Hasher().add_field(elf).add_field(metadata).add_field(sources).digest();
}

std::string encode_sources(const std::vector<SourceFile>& sources) {
  std::string out;
  for (const auto& s : sources) out += hex64(s.digest) + " " + s.path + "\n";
  return out;
}

std::optional<std::vector<SourceFile>> decode_sources(std::string_view text) {
  std::vector<SourceFile> out;
  while (!text.empty()) {
    size_t end = text.find('\n');
    if (end == std::string_view::npos || end < 18 || text[16] != ' ') return std::nullopt;
    SourceFile file;
    file.digest = std::strtoull(std::string(text.substr(0, 16)).c_str(), nullptr, 16);
    file.path = std::string(text.substr(17, end - 17));
    out.push_back(std::move(file));
    text.remove_prefix(end + 1);
  }
  return out;
}

uint64_t digest_of(const std::string& path) {
  auto data = read_file(path);
  return data.ok() ? hash_bytes(*data) : 0;
}

}  // namespace

std::vector<SourceFile> digest_source_files(const std::vector<std::string>& paths) {
  std::vector<SourceFile> out;
  for (const auto& path : paths) {
    std::error_code ec;
    std::string absolute = std::filesystem::absolute(path, ec).lexically_normal().string();
    if (ec) absolute = path;
    out.push_back({absolute, digest_of(absolute)});
  }
  return out;
}

namespace {

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
  uint64_t sources_size = read_u64(d.data() + 24);
  uint64_t sum = read_u64(d.data() + 32);
  if (elf_size > d.size() || meta_size > d.size() || sources_size > d.size() ||
      kHeaderSize + elf_size + meta_size + sources_size != d.size())
    return drop("truncated");
  CachedObject object{d.substr(kHeaderSize, elf_size), d.substr(kHeaderSize + elf_size, meta_size), {}};
  std::string_view sources(d.data() + kHeaderSize + elf_size + meta_size, sources_size);
  if (checksum(object.elf, object.metadata, sources) != sum) return drop("checksum mismatch");
  auto decoded = decode_sources(sources);
  if (!decoded) return drop("bad source list");
  for (const auto& file : *decoded) {
    if (digest_of(file.path) != file.digest) {
      log(LogLevel::Debug, "object cache: " + file.path + " changed since " + path + " was compiled");
      return std::nullopt;  // stale: the caller compiles again and replaces the entry
    }
  }
  object.sources = std::move(*decoded);
  return object;
}

void ObjectCache::put(const std::string& key, const CachedObject& object) const {
  if (!enabled()) return;
  if (auto made = make_dirs(dir_, 0755); !made.ok()) {
    log(LogLevel::Debug, "object cache: " + made.error().message);
    return;
  }
  std::string sources = encode_sources(object.sources);
  std::string entry(kMagic, 8);
  append_u64(entry, object.elf.size());
  append_u64(entry, object.metadata.size());
  append_u64(entry, sources.size());
  append_u64(entry, checksum(object.elf, object.metadata, sources));
  entry += object.elf;
  entry += object.metadata;
  entry += sources;
  if (auto written = write_file_atomic(path_for(key), entry); !written.ok())
    log(LogLevel::Debug, "object cache: " + written.error().message);
}

}  // namespace tracekit::cache
