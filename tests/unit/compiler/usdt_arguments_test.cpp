#include <catch2/catch.hpp>

#include "compiler/compile_support.h"

using tracekit::testing::compile_btf;
using tracekit::testing::optimized_ir;

namespace {
const char* kReader = R"(
__TK_USDT_READER _bpf_readarg_do_trace_1(struct pt_regs *ctx, void *dest, size_t len) {
  u64 v = ctx->r15;
  __builtin_memcpy(dest, &v, sizeof(v));
  return 0;
}
)";
}

TEST_CASE("bpf_usdt_readarg calls the reader generated for the calling program") {
  std::string ir = optimized_ir(std::string(kReader) + R"(
BPF_HASH(seen, u64);
int do_trace(struct pt_regs *ctx) {
  u64 v = 0;
  bpf_usdt_readarg(1, ctx, &v);
  seen.increment(v);
  return 0;
})");
  REQUIRE(ir.find("COMPILE ERROR") == std::string::npos);
  CHECK(ir.find("@__tk_usdt_readarg") == std::string::npos);
  CHECK(ir.find("@_bpf_readarg_") == std::string::npos);  // linked and inlined
}

TEST_CASE("bpf_usdt_readarg without an enabled probe says what to do") {
  auto none = compile_btf("int do_trace(struct pt_regs *ctx) {\n  u64 v;\n  bpf_usdt_readarg(1, ctx, &v);\n  return 0;\n}\n");
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().message.find("program.c:3:3") != std::string::npos);
  CHECK(none.error().message.find("no USDT probe is enabled for 'do_trace'") != std::string::npos);
  CHECK(none.error().message.find("enable_probe") != std::string::npos);

  auto fewer = compile_btf(std::string(kReader) +
                           "int do_trace(struct pt_regs *ctx) {\n  u64 v;\n  bpf_usdt_readarg(2, ctx, &v);\n  return 0;\n}\n");
  REQUIRE_FALSE(fewer.ok());
  CHECK(fewer.error().message.find("fewer arguments") != std::string::npos);

  auto index = compile_btf(std::string(kReader) +
                           "int do_trace(struct pt_regs *ctx) {\n  u64 v; int i = 1;\n  bpf_usdt_readarg(i, ctx, &v);\n  return 0;\n}\n");
  REQUIRE_FALSE(index.ok());
  CHECK(index.error().message.find("constant from 1 to 12") != std::string::npos);
}
