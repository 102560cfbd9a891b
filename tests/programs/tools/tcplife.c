// tcplife on sock:inet_sock_set_state: birth to death of each TCP session, with the process
// remembered when the session started.
#include <uapi/linux/ptrace.h>
#include <linux/tcp.h>
#include <net/sock.h>

struct id_t {
    u32 pid;
    char task[TASK_COMM_LEN];
};

struct ipv4_data_t {
    u64 ts_us;
    u64 span_us;
    u32 pid;
    u32 saddr;
    u32 daddr;
    u16 lport;
    u16 dport;
    char task[TASK_COMM_LEN];
};

BPF_HASH(birth, const void *, u64);
BPF_HASH(whoami, const void *, struct id_t);
BPF_PERF_OUTPUT(ipv4_events);

TRACEPOINT_PROBE(sock, inet_sock_set_state) {
    if (args->protocol != IPPROTO_TCP)
        return 0;
    const void *sk = args->skaddr;
    if (args->newstate < TCP_FIN_WAIT1) {
        u64 ts = bpf_ktime_get_ns();
        birth.update(&sk, &ts);
    }
    if (args->newstate == TCP_SYN_SENT || args->newstate == TCP_LAST_ACK) {
        struct id_t me = {.pid = bpf_get_current_pid_tgid() >> 32};
        bpf_get_current_comm(&me.task, sizeof(me.task));
        whoami.update(&sk, &me);
    }
    if (args->newstate != TCP_CLOSE)
        return 0;
    u64 *tsp = birth.lookup(&sk);
    if (tsp == 0) {
        whoami.delete(&sk);
        return 0;
    }
    struct ipv4_data_t data4 = {};
    data4.span_us = (bpf_ktime_get_ns() - *tsp) / 1000;
    data4.ts_us = bpf_ktime_get_ns() / 1000;
    struct id_t *mep = whoami.lookup(&sk);
    if (mep != 0) {
        data4.pid = mep->pid;
        __builtin_memcpy(&data4.task, mep->task, sizeof(data4.task));
    }
    data4.lport = args->sport;
    data4.dport = args->dport;
    __builtin_memcpy(&data4.saddr, args->saddr, sizeof(data4.saddr));
    __builtin_memcpy(&data4.daddr, args->daddr, sizeof(data4.daddr));
    if (args->family == AF_INET)
        ipv4_events.perf_submit(args, &data4, sizeof(data4));
    birth.delete(&sk);
    whoami.delete(&sk);
    return 0;
}
