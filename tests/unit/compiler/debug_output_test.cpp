#include <catch2/catch.hpp>

#include "compiler/compile_support.h"

using namespace tracekit;

namespace {
std::string debug_text(unsigned flags) {
  auto request = testing::btf_request(
      "#define GREETING \"hi\"\nBPF_HASH(counts, u32);\nint kprobe__do_nanosleep(void *ctx) {\n"
      "  u32 k = 7;\n  counts.increment(k);\n  bpf_trace_printk(GREETING \"\\n\");\n  return 0;\n}\n");
  request.debug_flags = flags;
  auto out = testing::compile(request);
  REQUIRE(out.ok());
  return out->debug_text;
}
}  // namespace

TEST_CASE("DEBUG_PREPROCESSOR shows the program with its macros expanded, not the headers") {
  std::string text = debug_text(compiler::kDebugPreprocessor);
  CHECK(text.find("struct counts_table_t") != std::string::npos);
  CHECK(text.find("char __tk_fmt[] = \"hi\" \"\\n\"") != std::string::npos);
  CHECK(text.find("struct task_struct {") == std::string::npos);
}

TEST_CASE("DEBUG_LLVM_IR shows the optimised module") {
  std::string text = debug_text(compiler::kDebugLlvmIr);
  CHECK(text.find("define dso_local i32 @kprobe__do_nanosleep") != std::string::npos);
}

TEST_CASE("DEBUG_SOURCE shows the BPF assembly with the source lines") {
  std::string text = debug_text(compiler::kDebugSource);
  CHECK(text.find("kprobe__do_nanosleep:") != std::string::npos);
  CHECK(text.find("; bpf_trace_printk(GREETING \"\\n\"); // Line 6") != std::string::npos);
  // Inlined table methods are attributed to the table's declaration.
  CHECK(text.find("; BPF_HASH(counts, u32); // Line 2") != std::string::npos);
  CHECK(text.find("call 1") != std::string::npos);  // map_lookup_elem
}
