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
  CHECK(program["sys_exit_variant"] == "on_return__tk_sys_exit");
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

TEST_CASE("twins follow what a program reads from its context") {
  auto request = testing::btf_request(R"(
BPF_HASH(h, u32, u64);
static int helper(struct pt_regs *ctx) { return ctx->ax; }
int returns(struct pt_regs *ctx) { u32 k = 0; u64 v = PT_REGS_RC(ctx); h.update(&k, &v); return 0; }
int enters(struct pt_regs *ctx) { u32 k = 1; u64 v = PT_REGS_PARM1(ctx); h.update(&k, &v); return 0; }
int with_args(struct pt_regs *ctx, int fd) { u32 k = fd; u64 v = 0; h.update(&k, &v); return 0; }
int either(void *ctx) { u32 k = 2; u64 v = 0; h.update(&k, &v); return 0; }
int passes_it_on(struct pt_regs *ctx) { return helper(ctx); }
)");
  request.syscall_tracepoint_variants = true;
  auto out = testing::compile(request);
  REQUIRE(out.ok());
  nlohmann::json meta = nlohmann::json::parse(out->metadata_json);
  std::map<std::string, std::pair<bool, bool>> twins;  // name -> (enter, exit)
  for (auto& p : meta["programs"]) twins[p["name"]] = {p.contains("sys_enter_variant"), p.contains("sys_exit_variant")};
  CHECK(twins["returns"] == std::make_pair(false, true));
  CHECK(twins["enters"] == std::make_pair(true, false));
  CHECK(twins["with_args"] == std::make_pair(true, false));
  CHECK(twins["either"] == std::make_pair(true, true));
  CHECK(twins["passes_it_on"] == std::make_pair(true, true));
}
