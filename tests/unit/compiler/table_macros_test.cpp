#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "compiler/compile_support.h"

using tracekit::testing::compile_btf;

namespace {
std::map<std::string, nlohmann::json> maps_of(const std::string& source) {
  auto out = compile_btf(source + "\nint kprobe__do_nanosleep(void *ctx) { return 0; }\n");
  if (!out.ok()) FAIL(out.error().message);
  nlohmann::json meta = nlohmann::json::parse(out->metadata_json);
  std::map<std::string, nlohmann::json> maps;
  for (auto& m : meta["maps"]) maps[m["name"]] = m;
  return maps;
}
}  // namespace

TEST_CASE("shorthand macros have BCC's defaults and map types") {
  auto maps = maps_of(R"(
BPF_PERCPU_HASH(pch);
BPF_PERCPU_ARRAY(pca, u32);
BPF_LPM_TRIE(trie, struct { u32 prefixlen; u32 addr; });
BPF_RINGBUF_OUTPUT(rb, 8);
BPF_PERF_ARRAY(cycles, 4);
BPF_STACK_TRACE(stacks, 1024);
BPF_STACK_TRACE_BUILDID(bstacks, 64);
BPF_PROG_ARRAY(progs, 8);
BPF_CGROUP_ARRAY(cg, 2);
BPF_DEVMAP(dev, 4);
BPF_CPUMAP(cpu, 4);
BPF_XSKMAP(xsk, 4);
BPF_QUEUE(q, u64, 16);
BPF_STACK(st, u64, 16);
BPF_SK_STORAGE(sks, u64);
BPF_INODE_STORAGE(ins, u64);
BPF_TASK_STORAGE(tks, u64);
BPF_SOCKMAP(sm, 8);
BPF_SOCKHASH(sh);
BPF_CGROUP_STORAGE(cgs, u64);
BPF_PERCPU_CGROUP_STORAGE(pcgs, u64);
BPF_TABLE("lru_hash", u32, u64, lru, 32);
BPF_TABLE("lru_percpu_hash", u32, u64, plru, 32);
)");
  CHECK(maps["pch"]["map_type"] == 5);
  CHECK(maps["pch"]["max_entries"] == 10240);
  CHECK(maps["pch"]["key"]["size"] == 8);
  CHECK(maps["pca"]["leaf"]["size"] == 4);
  CHECK(maps["trie"]["map_type"] == 11);
  CHECK(maps["trie"]["flags"] == 1);  // BPF_F_NO_PREALLOC
  CHECK(maps["rb"]["map_type"] == 27);
  CHECK(maps["rb"]["max_entries"] == 8 * 4096);
  CHECK(maps["cycles"]["type"] == "perf_array");
  CHECK(maps["stacks"]["leaf"]["size"] == 127 * 8);
  CHECK(maps["bstacks"]["flags"] == 32);  // BPF_F_STACK_BUILD_ID
  CHECK(maps["progs"]["map_type"] == 3);
  CHECK(maps["cg"]["map_type"] == 8);
  CHECK(maps["dev"]["map_type"] == 14);
  CHECK(maps["cpu"]["map_type"] == 16);
  CHECK(maps["xsk"]["map_type"] == 17);
  CHECK(maps["q"]["map_type"] == 22);
  CHECK(maps["st"]["map_type"] == 23);
  CHECK(maps["sks"]["map_type"] == 24);
  CHECK(maps["sks"]["max_entries"] == 0);
  CHECK(maps["ins"]["map_type"] == 28);
  CHECK(maps["tks"]["map_type"] == 29);
  CHECK(maps["sm"]["map_type"] == 15);
  CHECK(maps["sh"]["map_type"] == 18);
  CHECK(maps["sh"]["max_entries"] == 10240);
  CHECK(maps["sh"]["key"]["size"] == 4);
  CHECK(maps["cgs"]["map_type"] == 19);
  CHECK(maps["cgs"]["key"]["name"] == "bpf_cgroup_storage_key");
  CHECK(maps["pcgs"]["map_type"] == 21);
  CHECK(maps["lru"]["map_type"] == 9);
  CHECK(maps["plru"]["map_type"] == 10);
}

TEST_CASE("pinned, public, shared, extern and inner-map tables carry it in the metadata") {
  auto maps = maps_of(R"(
BPF_TABLE_PINNED("hash", u32, u64, pinned, 16, "/sys/fs/bpf/tk_unit");
BPF_TABLE_PINNED("hash", u32, u64, pinned7, 16, "/sys/fs/bpf/tk_unit7", BPF_F_NO_PREALLOC);
BPF_TABLE_PUBLIC("hash", u32, u64, pub, 16);
BPF_TABLE_SHARED("array", int, u64, shr, 16);
BPF_TABLE("extern", u32, u64, imported, 16);
BPF_ARRAY(inner, u64, 4);
BPF_ARRAY_OF_MAPS(outer, "inner", 4);
BPF_HASH_OF_MAPS(houter, u64, "inner", 8);
)");
  CHECK(maps["pinned"]["pinned"] == "/sys/fs/bpf/tk_unit");
  CHECK(maps["pinned7"]["flags"] == 1);
  CHECK(maps["pub"]["share"] == "public");
  CHECK(maps["shr"]["share"] == "shared");
  CHECK(maps["imported"]["type"] == "extern");
  CHECK(maps["imported"]["map_type"] == 0);
  CHECK(maps["outer"]["inner_map"] == "inner");
  CHECK(maps["outer"]["map_type"] == 12);
  CHECK(maps["houter"]["map_type"] == 13);
  CHECK(maps["houter"]["key"]["size"] == 8);
}

TEST_CASE("a map of maps's inner table gets into the outer map's BTF") {
  auto out = compile_btf(R"(
BPF_ARRAY(inner, u64, 4);
BPF_ARRAY_OF_MAPS(outer, "inner", 4);
int kprobe__do_nanosleep(void *ctx) { return 0; })");
  REQUIRE(out.ok());
  // libbpf reads a `values` member: the name must be in the object's BTF strings.
  CHECK(out->elf.find(std::string("values\0", 7)) != std::string::npos);
}

TEST_CASE("table declaration mistakes are diagnosed at the declaration") {
  auto unknown = compile_btf("BPF_TABLE(\"hashh\", u32, u64, t, 16);\nint kprobe__f(void *c) { return 0; }");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message.find("program.c:1:") != std::string::npos);
  CHECK(unknown.error().message.find("unknown type \"hashh\"") != std::string::npos);

  auto inner = compile_btf("BPF_ARRAY_OF_MAPS(outer, \"missing\", 4);\nint kprobe__f(void *c) { return 0; }");
  REQUIRE_FALSE(inner.ok());
  CHECK(inner.error().message.find("inner table 'missing' is not declared") != std::string::npos);

  auto pin = compile_btf("BPF_TABLE_PINNED(\"hash\", u32, u64, p, 16, \"relative/path\");\nint kprobe__f(void *c) { return 0; }");
  REQUIRE_FALSE(pin.ok());
  CHECK(pin.error().message.find("must be absolute") != std::string::npos);
}
