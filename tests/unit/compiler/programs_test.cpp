// Every program of the corpus (tests/programs/) compiles in BTF mode, without root. Loading
// them is tests/kernel/test_programs.py's job (root, and in the vmtest guest for headers mode).
#include <catch2/catch.hpp>

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <sstream>

#include "common/files.h"
#include "compiler/compile_support.h"
#include "skip.h"

using namespace tracekit;

namespace {

std::string corpus_dir() {
  std::string here = __FILE__;  // .../tests/unit/compiler/programs_test.cpp
  return here.substr(0, here.rfind("/unit/")) + "/programs";
}

void walk(const std::string& dir, const std::string& rel, std::vector<std::string>& out) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return;
  while (struct dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name[0] == '.') continue;
    std::string path = dir + "/" + name;
    std::string sub = rel.empty() ? name : rel + "/" + name;
    if (e->d_type == DT_DIR) walk(path, sub, out);
    else if (name.size() > 2 && name.substr(name.size() - 2) == ".c") out.push_back(sub);
  }
  ::closedir(d);
}

std::vector<std::string> cflags_of(const std::string& text) {
  std::vector<std::string> flags;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("// tk-cflags:", 0) != 0) continue;
    std::istringstream words(line.substr(13));
    std::string w;
    while (words >> w) flags.push_back(w);
  }
  return flags;
}

}  // namespace

TEST_CASE("every program of the corpus compiles in BTF mode") {
  if (!path_exists("/sys/kernel/btf/vmlinux")) TK_SKIP("no kernel BTF (CONFIG_DEBUG_INFO_BTF)");
  std::vector<std::string> programs;
  walk(corpus_dir(), "", programs);
  std::sort(programs.begin(), programs.end());
  REQUIRE(programs.size() >= 150);
  bool tracefs = ::access("/sys/kernel/tracing/events/syscalls", R_OK | X_OK) == 0;
  int compiled = 0, skipped = 0;
  for (const std::string& rel : programs) {
    auto text = read_file(corpus_dir() + "/" + rel);
    REQUIRE(text.ok());
    auto request = testing::btf_request(*text);
    request.source_name = rel;
    request.cflags = cflags_of(*text);
    auto out = testing::compile(request);
    if (!out.ok() && !tracefs && out.error().message.find("only described in tracefs") != std::string::npos) {
      ++skipped;  // syscall tracepoints need tracefs formats, readable by root only
      continue;
    }
    INFO(rel << ":\n" << (out.ok() ? "" : out.error().message));
    CHECK(out.ok());
    compiled += out.ok();
  }
  WARN("tests/programs in BTF mode: " << compiled << " of " << programs.size() << " compiled"
       << (skipped ? ", " + std::to_string(skipped) + " skipped (syscall tracepoints need a readable tracefs)" : ""));
}
