#include <catch2/catch.hpp>

#include "compiler/compile_support.h"

using tracekit::testing::compile_btf;

namespace {
std::string program(const std::string& body) {
  return "int kprobe__do_nanosleep(void *ctx) {\n  u64 a = 1, b = 2, c = 3, d = 4;\n  char s[4] = \"ab\";\n  " +
         body + "\n  return 0;\n}\n";
}
}  // namespace

TEST_CASE("bpf_trace_printk formats the kernel accepts compile") {
  auto out = compile_btf(program(
      "bpf_trace_printk(\"%d %llu %s\\n\", a, b, s); bpf_trace_printk(\"%5lx %-3c %%\\n\", a, c);"
      " bpf_trace_printk(\"%p %pK\\n\", s, s); bpf_trace_printk(\"plain\\n\");"));
  INFO((out.ok() ? "" : out.error().message));
  CHECK(out.ok());
}

TEST_CASE("an unsupported conversion is an error at its column") {
  auto out = compile_btf(program("bpf_trace_printk(\"x=%hu\\n\", a);"));
  REQUIRE_FALSE(out.ok());
  // line 4, column of the '%' inside the string literal
  CHECK(out.error().message.find("program.c:4:23: error: bpf_trace_printk: unsupported conversion \"%hu\"") !=
        std::string::npos);
  auto ps = compile_btf(program("bpf_trace_printk(\"%pS\\n\", s);"));
  REQUIRE_FALSE(ps.ok());
  CHECK(ps.error().message.find("\"%pS\"") != std::string::npos);
}

TEST_CASE("more than three arguments, or fewer than the conversions, are errors") {
  auto many = compile_btf(program("bpf_trace_printk(\"%d %d %d %d\\n\", a, b, c, d);"));
  REQUIRE_FALSE(many.ok());
  CHECK(many.error().message.find("at most 3 arguments") != std::string::npos);
  CHECK(many.error().message.find("program.c:4:") != std::string::npos);
  auto few = compile_btf(program("bpf_trace_printk(\"%d %d\\n\", a);"));
  REQUIRE_FALSE(few.ok());
  CHECK(few.error().message.find("2 conversions but 1 arguments") != std::string::npos);
}

TEST_CASE("%s with a number is an error; extra arguments are a warning") {
  auto s = compile_btf(program("bpf_trace_printk(\"%s\\n\", a);"));
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.find("\"%s\" needs a pointer") != std::string::npos);
  auto extra = compile_btf(program("bpf_trace_printk(\"%d\\n\", a, b);"));
  REQUIRE(extra.ok());
  REQUIRE(extra->warnings.size() == 1);
  CHECK(extra->warnings[0].message.find("more arguments") != std::string::npos);
  CHECK(extra->warnings[0].line == 4);
}
