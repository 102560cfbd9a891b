// IPv6 addresses are 16-byte arrays: copied out of the kernel in one read.
#include <uapi/linux/ptrace.h>
#include <net/sock.h>

struct ipv6_key_t {
    unsigned __int128 saddr;
    unsigned __int128 daddr;
    u16 dport;
};

BPF_HASH(connects6, struct ipv6_key_t);

int kprobe__tcp_v6_connect(struct pt_regs *ctx, struct sock *sk) {
    struct ipv6_key_t key = {};
    bpf_probe_read_kernel(&key.saddr, sizeof(key.saddr), sk->__sk_common.skc_v6_rcv_saddr.in6_u.u6_addr32);
    bpf_probe_read_kernel(&key.daddr, sizeof(key.daddr), sk->__sk_common.skc_v6_daddr.in6_u.u6_addr32);
    key.dport = bpf_ntohs(sk->__sk_common.skc_dport);
    connects6.increment(key);
    return 0;
}
