// tcptop: bytes sent and received per connection, from tcp_sendmsg and tcp_cleanup_rbuf.
#include <uapi/linux/ptrace.h>
#include <net/sock.h>
#include <bcc/proto.h>

struct ipv4_key_t {
    u32 pid;
    char name[TASK_COMM_LEN];
    u32 saddr;
    u32 daddr;
    u16 lport;
    u16 dport;
};

BPF_HASH(ipv4_send_bytes, struct ipv4_key_t);
BPF_HASH(ipv4_recv_bytes, struct ipv4_key_t);

static int fill_key(struct ipv4_key_t *key, struct sock *sk) {
    u16 family = sk->__sk_common.skc_family;
    if (family != AF_INET)
        return 0;
    key->pid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(&key->name, sizeof(key->name));
    key->saddr = sk->__sk_common.skc_rcv_saddr;
    key->daddr = sk->__sk_common.skc_daddr;
    key->lport = sk->__sk_common.skc_num;
    key->dport = bpf_ntohs(sk->__sk_common.skc_dport);
    return 1;
}

int kprobe__tcp_sendmsg(struct pt_regs *ctx, struct sock *sk, struct msghdr *msg, size_t size) {
    struct ipv4_key_t key = {};
    if (fill_key(&key, sk))
        ipv4_send_bytes.increment(key, size);
    return 0;
}

int kprobe__tcp_cleanup_rbuf(struct pt_regs *ctx, struct sock *sk, int copied) {
    if (copied <= 0)
        return 0;
    struct ipv4_key_t key = {};
    if (fill_key(&key, sk))
        ipv4_recv_bytes.increment(key, copied);
    return 0;
}
