"""XDP, tc, socket filters and attach_func on real traffic: a veth pair between two network
namespaces the test creates (tests/support/netns.py), UDP datagrams from one side, programs on
the other. Nothing here touches the machine's own interfaces."""

import os
import subprocess
import sys
import time

import pytest

from tracekit import BPF
from support.kernel_modules import ensure_module
from support.netns import VethPair

_why = VethPair.unavailable()
pytestmark = pytest.mark.skipif(_why is not None, reason="no veth pairs: %s" % _why)

PARSE = r"""
#include <uapi/linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
BPF_ARRAY(counts, u64, 4);

/* The UDP destination port of an Ethernet frame, or -1. */
static __always_inline int udp_port(void *data, void *end) {
  struct ethhdr *eth = data;
  if ((void *)(eth + 1) > end || eth->h_proto != __builtin_bswap16(ETH_P_IP)) return -1;
  struct iphdr *ip = (void *)(eth + 1);
  if ((void *)(ip + 1) > end || ip->protocol != IPPROTO_UDP) return -1;
  struct udphdr *udp = (void *)(ip + 1);
  if ((void *)(udp + 1) > end) return -1;
  return __builtin_bswap16(udp->dest);
}
"""

XDP = PARSE + r"""
int xdp_filter(struct xdp_md *ctx) {
  int port = udp_port((void *)(long)ctx->data, (void *)(long)ctx->data_end);
  if (port == 9000) counts.increment(0);
  if (port == 9001) { counts.increment(1); return XDP_DROP; }
  return XDP_PASS;
}
"""

TC = PARSE + r"""
int tc_filter(struct __sk_buff *skb) {
  int port = udp_port((void *)(long)skb->data, (void *)(long)skb->data_end);
  if (port == 9002) { counts.increment(2); return 2; /* TC_ACT_SHOT */ }
  if (port == 9003) counts.increment(3);
  return 0; /* TC_ACT_OK */
}
"""

SOCKET = r"""
BPF_ARRAY(counts, u64, 1);
int keep_udp_9004(struct __sk_buff *skb) {
  /* Ethernet (14) + IPv4 without options (20): protocol at 23, UDP destination port at 36. */
  unsigned char proto = 0;
  unsigned short ethertype = 0, port = 0;
  if (bpf_skb_load_bytes(skb, 12, &ethertype, 2) || bpf_skb_load_bytes(skb, 23, &proto, 1) ||
      bpf_skb_load_bytes(skb, 36, &port, 2))
    return 0;
  if (ethertype != __builtin_bswap16(0x0800) || proto != 17 || port != __builtin_bswap16(9004)) return 0;
  counts.increment(0);
  return -1;
}
"""


def drain(sock):
    n = 0
    while True:
        try:
            sock.recv(2048)
            n += 1
        except BlockingIOError:
            return n


def settle():
    time.sleep(0.3)


def test_xdp_counts_and_drops_udp_then_remove_xdp_restores_traffic():
    with VethPair() as net, BPF(text=XDP) as b:
        with net.in_namespace_a():
            fn = b.load_func("xdp_filter", BPF.XDP)
            BPF.attach_xdp(net.dev_a, fn, 0)
        assert any("XDP program 'xdp_filter' on a0" in d for d in b.attachments())
        passed, dropped = net.udp_receiver(9000), net.udp_receiver(9001)
        net.send_udp(9000, count=5)
        net.send_udp(9001, count=4)
        settle()
        assert (drain(passed), drain(dropped)) == (5, 0)
        assert [b["counts"][i].value for i in range(2)] == [5, 4]
        with net.in_namespace_a():
            BPF.remove_xdp(net.dev_a)
        net.send_udp(9001, count=2)
        settle()
        assert drain(dropped) == 2
        assert b["counts"][1].value == 4


def test_tc_ingress_classifier_drops_one_port():
    for module in ("sch_ingress", "cls_bpf"):  # the clsact qdisc and the BPF classifier
        why = ensure_module(module)
        if why:
            pytest.skip("cannot load %s: %s" % (module, why))
    with VethPair() as net, BPF(text=TC) as b:
        with net.in_namespace_a():
            b.attach_tc(net.dev_a, b.load_func("tc_filter", BPF.SCHED_CLS), "ingress")
        shot, ok = net.udp_receiver(9002), net.udp_receiver(9003)
        net.send_udp(9002, count=3)
        net.send_udp(9003, count=2)
        settle()
        assert (drain(shot), drain(ok)) == (0, 2)
        assert [b["counts"][i].value for i in (2, 3)] == [3, 2]
        b.detach_tc(net.dev_a, "ingress")
        net.send_udp(9002, count=1)
        settle()
        assert drain(shot) == 1


def test_raw_socket_filter_sees_only_matching_packets():
    with VethPair() as net, BPF(text=SOCKET) as b:
        fn = b.load_func("keep_udp_9004", BPF.SOCKET_FILTER)
        with net.in_namespace_a():
            BPF.attach_raw_socket(fn, net.dev_a)
        net.send_udp(9004, count=3, payload=b"tk-filter-payload")
        net.send_udp(9005, count=2)
        settle()
        frames = []
        while True:
            try:
                frames.append(os.read(fn.sock, 2048))
            except BlockingIOError:
                break
        assert len(frames) == 3
        assert all(f.endswith(b"tk-filter-payload") for f in frames)
        assert b["counts"][0].value == 3


def _cgroup2_root():
    with open("/proc/mounts") as f:
        for line in f:
            fields = line.split()
            if fields[2] == "cgroup2":
                return fields[1]
    return None


CGROUP = r"""
BPF_ARRAY(counts, u64, 1);
int count_egress(struct __sk_buff *skb) { counts.increment(0); return 1; }
"""


@pytest.mark.skipif(_cgroup2_root() is None, reason="no cgroup2 hierarchy mounted")
def test_attach_func_counts_a_cgroups_egress_packets():
    cgroup = os.path.join(_cgroup2_root(), "tracekit-test-%d" % os.getpid())
    os.mkdir(cgroup)
    try:
        with VethPair() as net, BPF(text=CGROUP) as b:
            fn = b.load_func("count_egress", BPF.CGROUP_SKB)
            fd = os.open(cgroup, os.O_RDONLY | os.O_DIRECTORY)
            try:
                BPF.attach_func(fn, fd, 1)  # BPF_CGROUP_INET_EGRESS
                # A sender inside the cgroup (joined before `ip netns exec` remounts /sys) and
                # inside namespace b: 4 datagrams out.
                def send(count):
                    code = ("import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                            "for i in range(%d): s.sendto(b'x', (%r, 9006))\n" % (count, net.ADDRESS_A))
                    script = 'echo $$ > "$1"/cgroup.procs && exec ip netns exec "$2" "$3" -c "$4"'
                    subprocess.run(["sh", "-c", script, "sh", cgroup, net.ns_b, sys.executable, code], check=True)
                send(4)
                assert b["counts"][0].value == 4
                BPF.detach_func(fn, fd, 1)
                send(2)
                assert b["counts"][0].value == 4
            finally:
                os.close(fd)
    finally:
        subprocess.run(["rmdir", cgroup])
