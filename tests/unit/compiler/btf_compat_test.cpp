#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "common/files.h"
#include "compiler/compile_support.h"
#include "skip.h"

using tracekit::testing::compile_btf;

TEST_CASE("BTF mode: the include lines of BCC's tools resolve") {
  if (!tracekit::path_exists("/sys/kernel/btf/vmlinux")) TK_SKIP("no kernel BTF (CONFIG_DEBUG_INFO_BTF)");
  auto out = compile_btf(R"(
#include <uapi/linux/ptrace.h>
#include <uapi/linux/bpf.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/blkdev.h>
#include <linux/blk-mq.h>
#include <net/sock.h>
#include <net/inet_sock.h>
#include <linux/tcp.h>
#include <linux/mm.h>
#include <linux/nsproxy.h>
#include <linux/pid_namespace.h>
#include <bcc/proto.h>
#include <linux/version.h>
int kprobe__tcp_v4_connect(struct pt_regs *ctx, struct sock *sk) {
  struct inet_sock *inet = (struct inet_sock *)sk;
  struct tcp_sock *tp = (struct tcp_sock *)sk;
  return inet->inet_sport + tp->srtt_us + sizeof(struct ethernet_t);
})");
  INFO((out.ok() ? "" : out.error().message));
  CHECK(out.ok());
}

TEST_CASE("BTF mode: #define constants BTF lacks exist, array lengths from BTF") {
  if (!tracekit::path_exists("/sys/kernel/btf/vmlinux")) TK_SKIP("no kernel BTF (CONFIG_DEBUG_INFO_BTF)");
  auto request = tracekit::testing::btf_request(R"P(
#include <linux/sched.h>
#include <linux/dcache.h>
_Static_assert(TASK_COMM_LEN == 16, "comm");
_Static_assert(PF_KTHREAD == 0x00200000, "kthread");
_Static_assert(AF_INET6 == 10, "inet6");
_Static_assert(O_CREAT == 0100, "creat");
_Static_assert(PAGE_SIZE == 4096, "page");
_Static_assert(TCP_ESTABLISHED == 1 && TCP_CLOSE == 7, "tcp states");
_Static_assert(DNAME_INLINE_LEN == sizeof(((struct dentry *)0)->d_name) * 0 + DNAME_INLINE_LEN, "dname");
_Static_assert(LINUX_VERSION_CODE == KERNEL_VERSION(6, 1, 300), "version (patch level capped at 255)");
int kprobe__do_nanosleep(void *ctx) { char name[DNAME_INLINE_LEN]; name[0] = 0; return name[0]; })P");
  request.kernel_version_code = (6 << 16) + (1 << 8) + 255;  // what the runtime passes for 6.1.300
  auto out = tracekit::testing::compile(request);
  INFO((out.ok() ? "" : out.error().message));
  CHECK(out.ok());
}
