#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "compiler/compile_support.h"

using namespace tracekit;

TEST_CASE("syscall twins keep their registers in a per-CPU map, not on the stack") {
  // 440 bytes of the program's own stack: as a kprobe it fits, and its twins must too.
  std::string source = R"(
BPF_PERF_OUTPUT(ev);
struct big_t { char data[440]; };
int on_return(struct pt_regs *ctx) {
  struct big_t b = {};
  b.data[0] = PT_REGS_RC(ctx);
  ev.perf_submit(ctx, &b, sizeof(b));
  return 0;
})";
  auto request = testing::btf_request(source);
  request.syscall_tracepoint_variants = true;
  auto out = testing::compile(request);
  REQUIRE(out.ok());
  nlohmann::json meta = nlohmann::json::parse(out->metadata_json);
  nlohmann::json program = meta["programs"][0];
  CHECK(program["sys_enter_variant"] == "on_return__tk_sys_enter");
  CHECK(out->elf.find("__tk_twin_regs") != std::string::npos);
  // tracekit's own map is not one of the program's tables.
  CHECK(nlohmann::json::parse(out->metadata_json)["maps"].size() == 1);
}

TEST_CASE("without twins the scratch map is not in the object") {
  auto request = testing::btf_request("TRACEPOINT_PROBE(sched, sched_process_exec) { return 0; }");
  request.syscall_tracepoint_variants = true;
  auto out = testing::compile(request);
  REQUIRE(out.ok());
  // No map at all: the object has no .maps section.
  CHECK(out->elf.find(std::string(".maps\0", 6)) == std::string::npos);
}
