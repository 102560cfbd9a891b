#include <catch2/catch.hpp>

#include "compiler/frontend/program_kinds.h"

using tracekit::compiler::classify_program;
using tracekit::compiler::syscall_entry;

namespace {
const char* kPrefix = "__x64_sys_";
}

TEST_CASE("BCC name prefixes give kind, target and section") {
  auto k = classify_program("kprobe__tcp_v4_connect", "pt_regs", "", kPrefix);
  CHECK(k.kind == "kprobe");
  CHECK(k.target == "tcp_v4_connect");
  CHECK(k.section == "kprobe/kprobe__tcp_v4_connect");
  CHECK(classify_program("kretprobe__vfs_read", "pt_regs", "", kPrefix).kind == "kretprobe");
  CHECK(classify_program("syscall__execve", "pt_regs", "", kPrefix).kind == "syscall");
  auto tp = classify_program("tracepoint__sched__sched_switch", "tracepoint__sched__sched_switch", "", kPrefix);
  CHECK(tp.kind == "tracepoint");
  CHECK(tp.target == "sched:sched_switch");
  auto raw = classify_program("raw_tracepoint__sys_enter", "bpf_raw_tracepoint_args", "", kPrefix);
  CHECK(raw.kind == "raw_tracepoint");
  CHECK(raw.target == "sys_enter");
}

TEST_CASE("syscall entry points are fixed up to the kernel's prefix") {
  CHECK(classify_program("kprobe__sys_clone", "", "", kPrefix).target == "__x64_sys_clone");
  CHECK(classify_program("kprobe____ia32_sys_read", "", "", kPrefix).target == "__x64_sys_read");
  CHECK(classify_program("kprobe__sys_clone", "", "", "sys_").target == "sys_clone");
  std::string fixed;
  CHECK(syscall_entry("__se_sys_kill", kPrefix, fixed));
  CHECK(fixed == "__x64_sys_kill");
  CHECK_FALSE(syscall_entry("do_sys_openat2", kPrefix, fixed));
}

TEST_CASE("trampoline, LSM and iterator programs name their target in the section") {
  auto f = classify_program("kfunc__vmlinux__do_sys_openat2", "", "", kPrefix);
  CHECK(f.kind == "kfunc");
  CHECK(f.target == "do_sys_openat2");
  CHECK(f.section == "fentry/do_sys_openat2");
  auto r = classify_program("kretfunc__vmlinux__vfs_read", "", "", kPrefix);
  CHECK(r.kind == "kretfunc");
  CHECK(r.section == "fexit/vfs_read");
  auto m = classify_program("kfunc__ext4__ext4_file_open", "", "", kPrefix);
  CHECK(m.target == "ext4:ext4_file_open");
  CHECK(m.section == "fentry/ext4_file_open");
  auto lsm = classify_program("lsm__file_open", "", "", kPrefix);
  CHECK(lsm.kind == "lsm");
  CHECK(lsm.section == "lsm/file_open");
  auto ret = classify_program("kmod_ret__security_file_open", "", "", kPrefix);
  CHECK(ret.kind == "kmod_ret");
  CHECK(ret.section == "fmod_ret/security_file_open");
  auto iter = classify_program("bpf_iter__task", "bpf_iter__task", "", kPrefix);
  CHECK(iter.kind == "iter");
  CHECK(iter.section == "iter/task");
}

TEST_CASE("the context type decides for other names") {
  CHECK(classify_program("do_trace", "pt_regs", "", kPrefix).kind == "kprobe");
  CHECK(classify_program("do_trace", "pt_regs", "", kPrefix).target.empty());
  CHECK(classify_program("on_sample", "bpf_perf_event_data", "", kPrefix).kind == "perf_event");
  CHECK(classify_program("xdp_prog", "xdp_md", "", kPrefix).kind == "xdp");
  CHECK(classify_program("filter", "__sk_buff", "", kPrefix).kind == "socket_filter");
  CHECK(classify_program("ops", "bpf_sock_ops", "", kPrefix).kind == "sock_ops");
  CHECK(classify_program("msg", "sk_msg_md", "", kPrefix).kind == "sk_msg");
  CHECK(classify_program("hello", "void", "", kPrefix).kind == "generic");
}

TEST_CASE("an explicit SEC() is kept and gives the kind") {
  auto tp = classify_program("on_free", "void", "tracepoint/sched/sched_process_free", kPrefix);
  CHECK(tp.kind == "tracepoint");
  CHECK(tp.target == "sched:sched_process_free");
  CHECK(tp.section == "tracepoint/sched/sched_process_free");
  CHECK(classify_program("f", "", "fentry/vfs_read", kPrefix).kind == "kfunc");
  CHECK(classify_program("f", "", "xdp", kPrefix).kind == "xdp");
  CHECK(classify_program("f", "", "mysection", kPrefix).kind == "generic");
}
