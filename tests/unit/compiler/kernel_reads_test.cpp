#include <catch2/catch.hpp>

#include "compiler/compile_support.h"

using tracekit::testing::optimized_ir;

TEST_CASE("dereferencing kernel pointers becomes probe reads") {
  std::string ir = optimized_ir(R"(
#include <linux/sched.h>
int kprobe__do_nanosleep(struct pt_regs *ctx) {
  struct task_struct *task = (struct task_struct *)bpf_get_current_task();
  return task->real_parent->tgid;
})");
  CHECK(ir.find("inttoptr (i64 113 to ptr)") != std::string::npos);  // probe_read_kernel
}

TEST_CASE("context, stack and map values are read directly") {
  std::string ir = optimized_ir(R"(
BPF_HASH(h, u32, u64);
int kprobe__do_nanosleep(struct pt_regs *ctx) {
  u32 key = ctx->di;
  u64 *v = h.lookup(&key);
  return v ? *v : 0;
})");
  CHECK(ir.find("inttoptr (i64 113 to ptr)") == std::string::npos);
  CHECK(ir.find("inttoptr (i64 112 to ptr)") == std::string::npos);
}

TEST_CASE("syscall tracepoint pointer fields are read as user memory") {
  // The struct comes from the format file the compiler reads; unit tests have no tracefs, so
  // declare the struct by hand.
  std::string ir = optimized_ir(R"(
struct tp_args { u64 common; int nr; const char *filename; };
int tracepoint__syscalls__sys_enter_openat(struct tp_args *args) {
  return args->filename[0];
})");
  CHECK(ir.find("inttoptr (i64 112 to ptr)") != std::string::npos);  // probe_read_user
}
