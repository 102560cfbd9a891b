// struct sock fields through __sk_common, as tcp tools read addresses and ports.
#include <uapi/linux/ptrace.h>
#include <net/sock.h>
#include <bcc/proto.h>

struct ipv4_key_t {
    u32 saddr;
    u32 daddr;
    u16 lport;
    u16 dport;
};

BPF_HASH(connects, struct ipv4_key_t);

int kprobe__tcp_set_state(struct pt_regs *ctx, struct sock *sk, int state) {
    if (state != TCP_ESTABLISHED)
        return 0;
    u16 family = sk->__sk_common.skc_family;
    if (family != AF_INET)
        return 0;
    struct ipv4_key_t key = {};
    key.saddr = sk->__sk_common.skc_rcv_saddr;
    key.daddr = sk->__sk_common.skc_daddr;
    key.lport = sk->__sk_common.skc_num;
    key.dport = bpf_ntohs(sk->__sk_common.skc_dport);
    connects.increment(key);
    return 0;
}
