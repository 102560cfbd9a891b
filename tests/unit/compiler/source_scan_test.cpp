#include <catch2/catch.hpp>

#include "compiler/source_scan.h"

using tracekit::compiler::scan_source;

TEST_CASE("source scan finds identifiers but not comments or strings") {
  auto scan = scan_source("// struct hidden_in_comment\n struct task_struct *t; char *s = \"in_string\";");
  REQUIRE(scan.identifiers.count("task_struct"));
  REQUIRE_FALSE(scan.identifiers.count("hidden_in_comment"));
  REQUIRE_FALSE(scan.identifiers.count("in_string"));
}

TEST_CASE("source scan records the types a program defines") {
  auto scan = scan_source("struct event { int x; };\ntypedef struct { int y; } val_t;\n"
                          "typedef unsigned long long my_u64;\ntypedef int (*handler_fn)(void);\n"
                          "struct task_struct *not_defined;");
  REQUIRE(scan.defined_types.count("event"));
  REQUIRE(scan.defined_types.count("val_t"));
  REQUIRE(scan.defined_types.count("my_u64"));
  REQUIRE(scan.defined_types.count("handler_fn"));
  REQUIRE_FALSE(scan.defined_types.count("task_struct"));
}

TEST_CASE("source scan finds includes and tracepoints") {
  auto scan = scan_source("#include <linux/sched.h>\n#  include <net/sock.h>\n"
                          "TRACEPOINT_PROBE(sched, sched_switch) {}\n"
                          "int tracepoint__syscalls__sys_enter_openat(void *args) { return 0; }\n");
  REQUIRE(scan.angle_includes == std::vector<std::string>{"linux/sched.h", "net/sock.h"});
  REQUIRE(scan.tracepoints.count({"sched", "sched_switch"}));
  REQUIRE(scan.tracepoints.count({"syscalls", "sys_enter_openat"}));
}
