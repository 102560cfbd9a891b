// Reads the notes of tests/fixtures/usdt_target.c compiled here (skipped without gcc and
// <sys/sdt.h>).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <string>

#include "runtime/symbols/elf_symbols.h"
#include "runtime/symbols/usdt_notes.h"
#include "skip.h"

using namespace tracekit::symbols;

namespace {

std::string fixtures() {
  std::string here = __FILE__;
  return here.substr(0, here.rfind("/unit/")) + "/fixtures";
}

// Builds the USDT target into a temporary file; "" if it cannot.
std::string build_target() {
  if (::access("/usr/include/x86_64-linux-gnu/sys/sdt.h", R_OK) != 0 && ::access("/usr/include/sys/sdt.h", R_OK) != 0)
    return "";
  char dir[] = "/tmp/tk-usdt-notes-XXXXXX";
  if (!::mkdtemp(dir)) return "";
  std::string out = std::string(dir) + "/usdt_target";
  std::string cmd = "gcc -O2 -o " + out + " " + fixtures() + "/usdt_target.c " + fixtures() + "/usdt_sema.c 2>/dev/null";
  return std::system(cmd.c_str()) == 0 ? out : "";
}

const UsdtProbe* find(const std::vector<UsdtProbe>& probes, const std::string& name) {
  for (const auto& p : probes)
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace

TEST_CASE("USDT notes of a compiled program") {
  std::string path = build_target();
  if (path.empty()) TK_SKIP("gcc or <sys/sdt.h> (systemtap-sdt-dev) is missing");
  auto probes = read_usdt_probes(path);
  REQUIRE(probes.ok());

  const UsdtProbe* basic = find(*probes, "basic");
  REQUIRE(basic);
  CHECK(basic->provider == "tk");
  CHECK(basic->semaphore_address == 0);
  REQUIRE(basic->locations.size() == 1);
  CHECK(basic->locations[0].args.size() == 6);
  CHECK(basic->locations[0].args[3].kind == UsdtArg::Kind::Constant);
  CHECK(basic->locations[0].args[3].constant == -7);
  // The site is code: its file offset is where a uprobe goes.
  auto offset = address_to_file_offset(path, basic->locations[0].address);
  REQUIRE(offset.ok());
  CHECK(*offset == basic->locations[0].file_offset);

  const UsdtProbe* sema = find(*probes, "sema");
  REQUIRE(sema);
  CHECK(sema->semaphore_address != 0);
  auto sema_offset = address_to_file_offset(path, sema->semaphore_address, true);
  REQUIRE(sema_offset.ok());
  CHECK(*sema_offset == sema->semaphore_offset);

  const UsdtProbe* global = find(*probes, "global");
  REQUIRE(global);
  REQUIRE(global->locations[0].args.size() == 1);
  const UsdtArg& g = global->locations[0].args[0];
  CHECK(g.kind == UsdtArg::Kind::RipRelative);
  // Stored relative to the probe site: symbol address - site address.
  auto symbol = symbol_address(path, "tk_global_value");
  REQUIRE(symbol.ok());
  CHECK(g.constant == int64_t(*symbol) - int64_t(global->locations[0].address));

  const UsdtProbe* indexed = find(*probes, "indexed");
  REQUIRE(indexed);
  CHECK(indexed->locations[0].args[0].index_offset >= 0);
  CHECK(indexed->locations[0].args[0].scale == 8);
  std::system(("rm -rf " + path.substr(0, path.rfind('/'))).c_str());
}

TEST_CASE("a file without notes has no probes; a non-ELF file is an error") {
  auto none = read_usdt_probes("/bin/true");
  REQUIRE(none.ok());
  CHECK(none->empty());
  auto bad = read_usdt_probes("/etc/hostname");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("not an ELF file") != std::string::npos);
}
