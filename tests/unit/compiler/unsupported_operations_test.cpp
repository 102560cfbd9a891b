#include <catch2/catch.hpp>

#include "compiler/compile_support.h"

using tracekit::testing::compile_btf;

TEST_CASE("signed division is an error at the user's line, not an LLVM crash") {
  auto out = compile_btf("BPF_ARRAY(a, u64, 16);\nint kprobe__do_nanosleep(struct pt_regs *ctx) {\n"
                         "  int v = ctx->di;\n  int i = v % 16;\n  a.increment(i);\n  return 0;\n}\n");
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().message.find("program.c:4:") != std::string::npos);
  CHECK(out.error().message.find("no signed remainder") != std::string::npos);
  auto fixed = compile_btf("BPF_ARRAY(a, u64, 16);\nint kprobe__do_nanosleep(struct pt_regs *ctx) {\n"
                           "  int v = ctx->di;\n  int i = (u32)v % 16;\n  a.increment(i);\n  return 0;\n}\n");
  CHECK(fixed.ok());
}

TEST_CASE("the stack limit is reported with the function and the fix") {
  auto out = compile_btf("BPF_PERF_OUTPUT(ev);\nint kprobe__do_nanosleep(void *ctx) {\n"
                         "  char big[1024] = {};\n  ev.perf_submit(ctx, big, sizeof(big));\n  return 0;\n}\n");
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().message.find("stack limit of 512 bytes") != std::string::npos);
  CHECK(out.error().message.find("per-cpu array") != std::string::npos);
}
