// tcpretrans on tcp:tcp_retransmit_skb: addresses and state from the record.
#include <uapi/linux/ptrace.h>
#include <net/sock.h>

struct ipv4_data_t {
    u32 pid;
    u64 ip;
    u32 saddr;
    u32 daddr;
    u16 lport;
    u16 dport;
    u64 state;
};
BPF_PERF_OUTPUT(ipv4_events);
BPF_HASH(ipv4_count, u32);

TRACEPOINT_PROBE(tcp, tcp_retransmit_skb) {
    if (args->family != AF_INET)
        return 0;
    struct ipv4_data_t data4 = {};
    data4.pid = bpf_get_current_pid_tgid() >> 32;
    data4.ip = 4;
    __builtin_memcpy(&data4.saddr, args->saddr, sizeof(data4.saddr));
    __builtin_memcpy(&data4.daddr, args->daddr, sizeof(data4.daddr));
    data4.lport = args->sport;
    data4.dport = args->dport;
    data4.state = args->state;
    ipv4_events.perf_submit(args, &data4, sizeof(data4));
    u32 daddr = data4.daddr;
    ipv4_count.increment(daddr);
    return 0;
}
