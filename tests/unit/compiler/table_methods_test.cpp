#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "compiler/compile_support.h"

using tracekit::testing::compile_btf;
using tracekit::testing::optimized_ir;

TEST_CASE("table macros produce maps with BCC defaults in the metadata") {
  auto out = compile_btf(R"(
BPF_HASH(counts);
BPF_HASH(sized, u32, u64, 128);
BPF_ARRAY(slots, u32, 4);
BPF_HISTOGRAM(dist);
BPF_PERF_OUTPUT(events);
int kprobe__do_nanosleep(void *ctx) { u64 k = 1; counts.increment(k); return 0; }
)");
  REQUIRE(out.ok());
  auto meta = nlohmann::json::parse(out->metadata_json);
  std::map<std::string, nlohmann::json> maps;
  for (auto& m : meta["maps"]) maps[m["name"]] = m;
  CHECK(maps["counts"]["type"] == "hash");
  CHECK(maps["counts"]["max_entries"] == 10240);
  CHECK(maps["counts"]["key"]["size"] == 8);
  CHECK(maps["sized"]["max_entries"] == 128);
  CHECK(maps["sized"]["key"]["size"] == 4);
  CHECK(maps["slots"]["map_type"] == 2);
  CHECK(maps["slots"]["max_entries"] == 4);
  CHECK(maps["dist"]["max_entries"] == 64);
  CHECK(maps["dist"]["map_type"] == 1);
  CHECK(maps["events"]["map_type"] == 4);
}

TEST_CASE("method calls become helper calls and the method stubs disappear") {
  std::string ir = optimized_ir(R"(
BPF_HASH(last);
int kprobe__do_nanosleep(void *ctx) {
  u64 key = 0, ts = 1, *v = last.lookup(&key);
  if (v) last.delete(&key);
  last.update(&key, &ts);
  return 0;
})");
  CHECK(ir.find("inttoptr (i64 1 to ptr)") != std::string::npos);  // map_lookup_elem
  CHECK(ir.find("inttoptr (i64 2 to ptr)") != std::string::npos);  // map_update_elem
  CHECK(ir.find("inttoptr (i64 3 to ptr)") != std::string::npos);  // map_delete_elem
  CHECK(ir.find("define internal") == std::string::npos);          // all inlined away
}

TEST_CASE("an unknown method is a diagnostic at the call site") {
  auto out = compile_btf("BPF_HASH(counts);\nint kprobe__do_nanosleep(void *ctx) {\n  counts.frobnicate(1);\n  return 0;\n}\n");
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().message.find("program.c:3:10") != std::string::npos);
  CHECK(out.error().message.find("frobnicate") != std::string::npos);
}

TEST_CASE("a method of another table type is rejected with the methods that exist") {
  auto out = compile_btf("BPF_HASH(counts);\nint kprobe__do_nanosleep(void *ctx) {\n  counts.perf_submit(ctx, 0, 0);\n  return 0;\n}\n");
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().message.find("program.c:3:10") != std::string::npos);
  CHECK(out.error().message.find("has no method 'perf_submit'") != std::string::npos);
  CHECK(out.error().message.find("lookup") != std::string::npos);
}

TEST_CASE("wrong arity is a diagnostic at the call site") {
  auto out = compile_btf("BPF_HASH(counts);\nint kprobe__do_nanosleep(void *ctx) {\n  u64 k = 0;\n  counts.lookup(&k, &k);\n  return 0;\n}\n");
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().message.find("program.c:4:") != std::string::npos);
}

TEST_CASE("perf_submit records the submitted struct's layout") {
  auto out = compile_btf(R"(
struct data_t { u32 pid; u64 ts; char comm[16]; };
BPF_PERF_OUTPUT(events);
int kprobe__do_nanosleep(void *ctx) {
  struct data_t data = {};
  events.perf_submit(ctx, &data, sizeof(data));
  return 0;
})");
  REQUIRE(out.ok());
  nlohmann::json meta = nlohmann::json::parse(out->metadata_json);
  auto layout = meta["events"]["events"];
  CHECK(layout["name"] == "data_t");
  CHECK(layout["size"] == 32);
  CHECK(layout["fields"][1]["name"] == "ts");
  CHECK(layout["fields"][1]["offset"] == 8);
  CHECK(layout["fields"][2]["type"]["elem"]["kind"] == "char");
}
