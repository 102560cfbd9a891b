// Compiled objects, by content key. A hit loads a program without initialising Clang or LLVM
// (the compiler library is not even mapped). Each entry carries its own length and checksum:
// a truncated or corrupted file is detected, removed and rebuilt, never loaded. An entry also
// lists the files of the machine the program included, with their digests: it is used only
// while they are unchanged (a header edited between two runs means a new compile).
//
// Location: $TRACEKIT_CACHE_DIR, else /var/cache/tracekit for root, else
// $XDG_CACHE_HOME/tracekit (~/.cache/tracekit). TRACEKIT_NO_CACHE=1 turns it off.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tracekit::cache {

struct SourceFile {
  std::string path;  // absolute
  uint64_t digest = 0;
};

struct CachedObject {
  std::string elf;
  std::string metadata;
  std::vector<SourceFile> sources;
};

// The digests of `paths` as they are now (made absolute against the current directory); a
// file that cannot be read gets digest 0, which no later read matches.
std::vector<SourceFile> digest_source_files(const std::vector<std::string>& paths);

class ObjectCache {
 public:
  static ObjectCache from_environment();
  explicit ObjectCache(std::string dir) : dir_(std::move(dir)) {}

  bool enabled() const { return !dir_.empty(); }
  const std::string& dir() const { return dir_; }
  std::string path_for(const std::string& key) const;

  // Empty when absent or stale (a source file changed); a damaged entry is deleted and
  // reported as absent.
  std::optional<CachedObject> get(const std::string& key) const;
  // Best effort: a read-only or full disk only costs the next start a compile.
  void put(const std::string& key, const CachedObject& object) const;

 private:
  std::string dir_;
};

}  // namespace tracekit::cache
