#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>

#include "common/files.h"
#include "runtime/cache/object_cache.h"

using tracekit::cache::ObjectCache;

namespace {
std::string temp_dir() {
  char tmpl[] = "/tmp/tracekit-cache-test-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  return tmpl;
}
}  // namespace

TEST_CASE("cache returns what was put") {
  ObjectCache cache(temp_dir());
  cache.put("k1", {"ELF-bytes", "{\"maps\":[]}", {}});
  auto hit = cache.get("k1");
  REQUIRE(hit);
  CHECK(hit->elf == "ELF-bytes");
  CHECK(hit->metadata == "{\"maps\":[]}");
  CHECK_FALSE(cache.get("k2"));
}

TEST_CASE("a truncated entry is dropped, not loaded") {
  ObjectCache cache(temp_dir());
  cache.put("k", {std::string(1000, 'e'), "meta", {}});
  std::string path = cache.path_for("k");
  auto data = tracekit::read_file(path);
  REQUIRE(data.ok());
  REQUIRE(::truncate(path.c_str(), off_t(data->size() / 2)) == 0);
  CHECK_FALSE(cache.get("k"));
  CHECK_FALSE(tracekit::path_exists(path));
}

TEST_CASE("a corrupted entry is dropped, not loaded") {
  ObjectCache cache(temp_dir());
  cache.put("k", {std::string(1000, 'e'), "meta", {}});
  std::string path = cache.path_for("k");
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.put('X');
  }
  CHECK_FALSE(cache.get("k"));
  CHECK_FALSE(tracekit::path_exists(path));
}

TEST_CASE("a disabled cache stores nothing") {
  ObjectCache cache("");
  cache.put("k", {"a", "b", {}});
  CHECK_FALSE(cache.enabled());
  CHECK_FALSE(cache.get("k"));
}

TEST_CASE("an entry is used only while the files the program included are unchanged") {
  std::string dir = temp_dir();
  std::string header = dir + "/tool.h";
  REQUIRE(tracekit::write_file_atomic(header, "#define LIMIT 1\n").ok());
  ObjectCache cache(dir + "/cache");
  cache.put("k", {"elf", "meta", tracekit::cache::digest_source_files({header})});
  auto hit = cache.get("k");
  REQUIRE(hit);
  REQUIRE(hit->sources.size() == 1);
  CHECK(hit->sources[0].path == header);

  REQUIRE(tracekit::write_file_atomic(header, "#define LIMIT 2\n").ok());
  CHECK_FALSE(cache.get("k"));  // stale, not damaged: the entry stays until replaced
  CHECK(tracekit::path_exists(cache.path_for("k")));

  ::unlink(header.c_str());
  CHECK_FALSE(cache.get("k"));
}
