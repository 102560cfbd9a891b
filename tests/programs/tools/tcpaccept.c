// tcpaccept: the socket inet_csk_accept() returns, read from PT_REGS_RC.
#include <uapi/linux/ptrace.h>
#include <net/sock.h>
#include <bcc/proto.h>

struct ipv4_data_t {
    u64 ts_us;
    u32 pid;
    u32 saddr;
    u32 daddr;
    u16 lport;
    u16 dport;
    char task[TASK_COMM_LEN];
};
BPF_PERF_OUTPUT(ipv4_events);

int kretprobe__inet_csk_accept(struct pt_regs *ctx) {
    struct sock *newsk = (struct sock *)PT_REGS_RC(ctx);
    if (newsk == NULL)
        return 0;
    u16 protocol = newsk->sk_protocol;
    if (protocol != IPPROTO_TCP)
        return 0;
    u16 family = newsk->__sk_common.skc_family;
    if (family != AF_INET)
        return 0;
    struct ipv4_data_t data4 = {};
    data4.pid = bpf_get_current_pid_tgid() >> 32;
    data4.ts_us = bpf_ktime_get_ns() / 1000;
    data4.saddr = newsk->__sk_common.skc_rcv_saddr;
    data4.daddr = newsk->__sk_common.skc_daddr;
    data4.lport = newsk->__sk_common.skc_num;
    data4.dport = bpf_ntohs(newsk->__sk_common.skc_dport);
    bpf_get_current_comm(&data4.task, sizeof(data4.task));
    ipv4_events.perf_submit(ctx, &data4, sizeof(data4));
    return 0;
}
