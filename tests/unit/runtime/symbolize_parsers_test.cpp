// The text formats symbolization reads: /proc/PID/maps, /proc/kallsyms, perf maps; and C++
// demangling. The kernel- and process-facing parts are tested in tests/kernel/test_api_symbols.py.
#include <catch2/catch.hpp>

#include "runtime/events/record_sink.h"
#include "runtime/symbolize/demangle.h"
#include "runtime/symbolize/kernel_symbols.h"
#include "runtime/symbolize/perf_map.h"
#include "runtime/symbolize/process_maps.h"

using namespace tracekit::symbolize;

TEST_CASE("maps lines become mappings, deleted files and anonymous code recognised") {
  auto maps = parse_maps(
      "55d0c0000000-55d0c0001000 r--p 00000000 08:01 1234   /usr/bin/app\n"
      "55d0c0001000-55d0c0005000 r-xp 00001000 08:01 1234   /usr/bin/app\n"
      "7f0000000000-7f0000010000 r-xp 00000000 00:01 99     /memfd:jit (deleted)\n"
      "7f1000000000-7f1000001000 rwxp 00000000 00:00 0 \n"
      "7f2000000000-7f2000002000 r--p 00000000 08:01 555    /usr/lib/data.bin\n"
      "7ffd00000000-7ffd00002000 r-xp 00000000 00:00 0      [vdso]\n"
      "garbage line\n");
  REQUIRE(maps.size() == 6);
  CHECK(maps[1].executable);
  CHECK(maps[1].offset == 0x1000);
  CHECK(maps[2].path == "/memfd:jit");
  CHECK(maps[2].deleted);
  CHECK(maps[3].path.empty());

  auto files = executable_files(maps);
  REQUIRE(files.size() == 2);  // data.bin has no executable mapping; [vdso] is not a file
  CHECK(files[0].path == "/usr/bin/app");
  CHECK(files[0].load_address == 0x55d0c0000000ull);
  CHECK(files[0].mappings.size() == 2);
  CHECK(files[1].path == "/memfd:jit");
  CHECK(files[1].deleted);

  CHECK(in_anonymous_code(maps, 0x7f1000000010ull));
  CHECK_FALSE(in_anonymous_code(maps, 0x55d0c0001010ull));
  CHECK_FALSE(in_anonymous_code(maps, 0x1000));
}

TEST_CASE("kallsyms: modules, absolute symbols skipped, global names preferred at one address") {
  auto symbols = parse_kallsyms(
      "0000000000000000 A fixed_percpu_data\n"
      "ffffffff81000000 T _stext\n"
      "ffffffff81001000 t __do_sys_getppid\n"
      "ffffffff81001000 T __x64_sys_getppid\n"
      "ffffffff81001040 T vfs_read\n"
      "ffffffffc0001000 t ext4_sync_fs\t[ext4]\n");
  CHECK(symbols.size() == 5);
  const TableSymbol* s = symbols.find(0xffffffff81001005ull);
  REQUIRE(s);
  CHECK(s->name == "__x64_sys_getppid");
  CHECK(s->module == "kernel");
  s = symbols.find(0xffffffffc0001010ull);
  REQUIRE(s);
  CHECK(s->name == "ext4_sync_fs");
  CHECK(s->module == "ext4");
  CHECK(symbols.find(0x1000) == nullptr);
  CHECK(symbols.address_of("vfs_read") == 0xffffffff81001040ull);
  CHECK(symbols.address_of("ext4_sync_fs", "ext4") == 0xffffffffc0001000ull);
  CHECK(symbols.address_of("ext4_sync_fs", "xfs") == 0);
}

TEST_CASE("perf maps: sized entries with spaces in names") {
  auto symbols = parse_perf_map(
      "7f0000001000 40 jitted_first\n"
      "7f0000001040 80 LazyCompile:*run app.js:12\n"
      "not a line\n",
      "/tmp/perf-1.map");
  REQUIRE(symbols.size() == 2);
  const TableSymbol* s = symbols.find(0x7f0000001050ull);
  REQUIRE(s);
  CHECK(s->name == "LazyCompile:*run app.js:12");
  CHECK(s->module == "/tmp/perf-1.map");
  CHECK(symbols.find(0x7f00000010c0ull) == nullptr);  // past the last entry's size
}

TEST_CASE("C++ names are demangled, others kept") {
  CHECK(demangle("_ZN8tk_space6WidgetIiE10frobnicateEiPKc") == "tk_space::Widget<int>::frobnicate(int, char const*)");
  CHECK(demangle("main") == "main");
  CHECK(demangle("_Znot_really") == "_Znot_really");
}

TEST_CASE("a stride batch packs, truncates and zero-pads records") {
  tracekit::events::StrideBatch batch(8, 3);
  batch.begin();
  const char a[] = "abcdefghij";
  CHECK(batch.on_record(0, a, 10));  // truncated to 8
  CHECK(batch.on_record(0, "xy", 2));  // padded with zeros
  CHECK_FALSE(batch.on_record(0, a, 8));  // the third record fills the batch: stop
  REQUIRE(batch.count() == 3);
  std::string bytes(batch.data(), batch.size());
  CHECK(bytes == std::string("abcdefgh") + std::string("xy\0\0\0\0\0\0", 8) + "abcdefgh");
  batch.begin();
  CHECK(batch.count() == 0);
}
