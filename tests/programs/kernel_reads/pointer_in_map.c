// A kernel pointer stored in a map at entry and dereferenced at return: still a probe read.
#include <uapi/linux/ptrace.h>
#include <net/sock.h>

BPF_HASH(currsock, u32, struct sock *);
BPF_HASH(ports, u16);

int kprobe__tcp_v4_connect(struct pt_regs *ctx, struct sock *sk) {
    u32 tid = bpf_get_current_pid_tgid();
    currsock.update(&tid, &sk);
    return 0;
}

int kretprobe__tcp_v4_connect(struct pt_regs *ctx) {
    u32 tid = bpf_get_current_pid_tgid();
    struct sock **skpp = currsock.lookup(&tid);
    if (skpp == 0)
        return 0;
    if (PT_REGS_RC(ctx) == 0) {
        struct sock *skp = *skpp;
        u16 dport = skp->__sk_common.skc_dport;
        ports.increment(dport);
    }
    currsock.delete(&tid);
    return 0;
}
