#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "compiler/compile_support.h"

using namespace tracekit;

namespace {
nlohmann::json program(const std::string& source, const std::string& name, bool variants = false) {
  auto request = testing::btf_request(source);
  request.syscall_tracepoint_variants = variants;
  auto out = testing::compile(request);
  REQUIRE(out.ok());
  nlohmann::json meta = nlohmann::json::parse(out->metadata_json);
  for (auto& p : meta["programs"])
    if (p["name"] == name) return p;
  FAIL("no program " << name);
  return {};
}
}  // namespace

TEST_CASE("auto-attach names give kind and target; syscalls get the kernel's prefix") {
  auto p = program("int kprobe__sys_clone(void *ctx) { return 0; }", "kprobe__sys_clone");
  CHECK(p["kind"] == "kprobe");
  CHECK(p["target"] == "__x64_sys_clone");
  auto r = program("int kretprobe__do_sys_openat2(void *ctx) { return 0; }", "kretprobe__do_sys_openat2");
  CHECK(r["kind"] == "kretprobe");
  CHECK(r["target"] == "do_sys_openat2");
}

TEST_CASE("kprobe programs get tracepoint twins only when asked") {
  auto without = program("int hello(void *ctx) { return 0; }", "hello", false);
  CHECK_FALSE(without.contains("sys_enter_variant"));
  auto with = program("int hello(void *ctx) { return 0; }", "hello", true);
  CHECK(with["sys_enter_variant"] == "hello__tk_sys_enter");
  CHECK(with["sys_exit_variant"] == "hello__tk_sys_exit");
}

TEST_CASE("static functions are helpers, not programs") {
  auto out = testing::compile_btf("static int helper(int x) { return x + 1; }\nint kprobe__do_nanosleep(void *ctx) { return helper(1); }");
  REQUIRE(out.ok());
  auto programs = nlohmann::json::parse(out->metadata_json)["programs"];
  REQUIRE(programs.size() == 1);
  CHECK(programs[0]["name"] == "kprobe__do_nanosleep");
}

TEST_CASE("calling a non-static program function is rejected with the fix") {
  auto out = testing::compile_btf("int helper(void *ctx) { return 1; }\nint kprobe__do_nanosleep(void *ctx) {\n  return helper(ctx);\n}");
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().message.find("program.c:3:10") != std::string::npos);
  CHECK(out.error().message.find("declare it 'static'") != std::string::npos);
}

TEST_CASE("kprobe arguments in the signature are read from pt_regs") {
  std::string ir = testing::optimized_ir(R"(
int kprobe__tcp_v4_connect(struct pt_regs *ctx, void *sk, long flags) { return flags; })");
  // `flags` is the second argument: %si, offset 104 of pt_regs.
  CHECK(ir.find("getelementptr inbounds i8, ptr %0, i64 104") != std::string::npos);
}

TEST_CASE("a syntax error points at line and column of the user's text") {
  auto out = testing::compile_btf("int kprobe__do_nanosleep(void *ctx) {\n  return 0\n}\n");
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().message.find("program.c:2:11: error") != std::string::npos);
  REQUIRE_FALSE(out.error().diagnostics.empty());
  CHECK(out.error().diagnostics[0].line == 2);
}
