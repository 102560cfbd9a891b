#include <catch2/catch.hpp>

#include "compiler/compile_support.h"
#include "compiler/frontend/diagnostic_hints.h"

using tracekit::compiler::diagnostic_hint;
using tracekit::testing::compile_btf;

TEST_CASE("hints for what BTF mode lacks: #defines, inline functions, private structs") {
  CHECK(diagnostic_hint("use of undeclared identifier 'SOCK_CUSTOM_FLAG'", true).find("#define") != std::string::npos);
  CHECK(diagnostic_hint("use of undeclared identifier 'SOCK_CUSTOM_FLAG'", false).find("include the header") !=
        std::string::npos);
  CHECK(diagnostic_hint("use of undeclared identifier 'current'", true).find("bpf_get_current_task") !=
        std::string::npos);
  CHECK(diagnostic_hint("use of undeclared identifier 'myvar'", true).empty());
  CHECK(diagnostic_hint("call to undeclared function 'inet_sk'; ISO C99 and later do not support implicit "
                        "function declarations", true)
            .find("(struct inet_sock *)sk") != std::string::npos);
  CHECK(diagnostic_hint("incomplete definition of type 'struct cfs_rq'", true).find("not in this kernel's BTF") !=
        std::string::npos);
  CHECK(diagnostic_hint("no member named 'parent_comm' in 'struct tracepoint__sched__sched_process_fork'", true)
            .find("/sys/kernel/tracing/events/sched/sched_process_fork/format") != std::string::npos);
}

TEST_CASE("a hint follows the error in the compile's message, at the same place") {
  auto out = compile_btf("int kprobe__do_nanosleep(void *ctx) {\n  return MY_UNKNOWN_FLAG;\n}\n");
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().message.find("program.c:2:10: error: use of undeclared identifier 'MY_UNKNOWN_FLAG'") !=
        std::string::npos);
  CHECK(out.error().message.find("hint: 'MY_UNKNOWN_FLAG' looks like a #define") != std::string::npos);
  REQUIRE(out.error().diagnostics.size() >= 2);
  CHECK(out.error().diagnostics[1].severity == "note");
  CHECK(out.error().diagnostics[1].line == 2);
}
