#include <catch2/catch.hpp>

#include "compiler/kernel_types/leading_includes.h"

using tracekit::compiler::split_leading_includes;

TEST_CASE("the leading kernel includes are split off, line numbers kept") {
  std::string src =
      "// a tool\n/* header\n comment */\n#include <uapi/linux/ptrace.h>\n\n#include <linux/sched.h> // tasks\n"
      "#define X 1\n#include <net/sock.h>\nint x;\n";
  auto split = split_leading_includes(src);
  REQUIRE(split.headers.size() == 2);
  CHECK(split.headers[0] == "uapi/linux/ptrace.h");
  CHECK(split.headers[1] == "linux/sched.h");
  CHECK(split.rest.size() == src.size());
  CHECK(split.rest.find("#include <uapi") == std::string::npos);
  // The #define ends the run: what follows it stays in the program.
  CHECK(split.rest.find("#include <net/sock.h>") != std::string::npos);
  CHECK(std::count(split.rest.begin(), split.rest.end(), '\n') == std::count(src.begin(), src.end(), '\n'));
}

TEST_CASE("quoted includes and code end the run") {
  CHECK(split_leading_includes("#include \"mine.h\"\n#include <linux/fs.h>\n").headers.empty());
  CHECK(split_leading_includes("int x;\n#include <linux/fs.h>\n").headers.empty());
  CHECK(split_leading_includes("  #  include   <linux/fs.h>\n").headers.size() == 1);
}
