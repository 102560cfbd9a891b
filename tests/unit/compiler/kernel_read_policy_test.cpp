#include <catch2/catch.hpp>

#include "compiler/compile_support.h"

using tracekit::testing::optimized_ir;

namespace {
bool has_helper(const std::string& ir, int id) {
  return ir.find("inttoptr (i64 " + std::to_string(id) + " to ptr)") != std::string::npos;
}
}  // namespace

TEST_CASE("packet programs keep their loads: the verifier tracks packet pointers itself") {
  std::string ir = optimized_ir(R"(
#include <linux/if_ether.h>
int xdp_prog(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  struct ethhdr *eth = data;
  if ((void *)(eth + 1) > end) return XDP_PASS;
  return eth->h_proto == 8 ? XDP_DROP : XDP_PASS;
})");
  REQUIRE(ir.find("COMPILE ERROR") == std::string::npos);
  CHECK_FALSE(has_helper(ir, 4));
  CHECK_FALSE(has_helper(ir, 113));
}

TEST_CASE("a program without a target may be a uprobe: its implicit reads use bpf_probe_read") {
  std::string ir = optimized_ir(R"(
struct node { struct node *next; int v; };
int walk(struct pt_regs *ctx) {
  struct node *n = (struct node *)ctx->di;
  return n->next->v;
})");
  CHECK(has_helper(ir, 4));
  CHECK_FALSE(has_helper(ir, 113));
}

TEST_CASE("a pointer stored in a map and read back is kernel memory") {
  std::string ir = optimized_ir(R"(
#include <net/sock.h>
BPF_HASH(socks, u32, struct sock *);
int kretprobe__tcp_v4_connect(struct pt_regs *ctx) {
  u32 k = 0;
  struct sock **skp = socks.lookup(&k);
  if (!skp) return 0;
  return (*skp)->__sk_common.skc_dport;
})");
  CHECK(has_helper(ir, 113));
}

TEST_CASE("syscall arguments are user memory, read with probe_read_user") {
  std::string ir = optimized_ir(R"(
int syscall__openat(struct pt_regs *ctx, int dfd, const char *filename) {
  return filename[0];
})");
  CHECK(has_helper(ir, 112));
}
