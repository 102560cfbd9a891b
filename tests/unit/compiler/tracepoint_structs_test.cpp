#include <catch2/catch.hpp>

#include "compiler/tracepoint_structs.h"

using tracekit::compiler::tracepoint_struct_from_format;

namespace {
const char* kExecveFormat = R"(name: sys_enter_execve
ID: 862
format:
	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;

	field:int __syscall_nr;	offset:8;	size:4;	signed:1;
	field:const char * filename;	offset:16;	size:8;	signed:0;
	field:const char *const * argv;	offset:24;	size:8;	signed:0;
	field:const char *const * envp;	offset:32;	size:8;	signed:0;
)";

const char* kSwitchFormat = R"(format:
	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;

	field:char prev_comm[16];	offset:8;	size:16;	signed:0;
	field:pid_t prev_pid;	offset:24;	size:4;	signed:1;
	field:int prev_prio;	offset:28;	size:4;	signed:1;
	field:long prev_state;	offset:32;	size:8;	signed:1;
	field:__data_loc char[] name;	offset:40;	size:4;	signed:0;
)";
}  // namespace

TEST_CASE("syscall tracepoint struct keeps pointer types and pads to offsets") {
  auto text = tracepoint_struct_from_format("syscalls", "sys_enter_execve", kExecveFormat);
  REQUIRE(text.ok());
  CHECK(text->find("struct tracepoint__syscalls__sys_enter_execve {") != std::string::npos);
  CHECK(text->find("u64 __do_not_use__;") != std::string::npos);
  CHECK(text->find("s32 __syscall_nr;") != std::string::npos);
  CHECK(text->find("char __pad_0[4];") != std::string::npos);
  CHECK(text->find("const char * filename;") != std::string::npos);
  CHECK(text->find("const char *const * argv;") != std::string::npos);
}

TEST_CASE("typedef'd fields become sized integers, char arrays stay char, __data_loc is int") {
  auto text = tracepoint_struct_from_format("sched", "sched_switch", kSwitchFormat);
  REQUIRE(text.ok());
  CHECK(text->find("char prev_comm[16];") != std::string::npos);
  CHECK(text->find("s32 prev_pid;") != std::string::npos);
  CHECK(text->find("s64 prev_state;") != std::string::npos);
  CHECK(text->find("int data_loc_name;") != std::string::npos);
}

TEST_CASE("a format without fields is an error naming the tracepoint") {
  auto text = tracepoint_struct_from_format("a", "b", "garbage");
  REQUIRE_FALSE(text.ok());
  CHECK(text.error().message.find("a:b") != std::string::npos);
}
