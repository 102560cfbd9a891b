// funclatency: entry/return timing with units and a pid filter from cflags.
// tk-cflags: -DFACTOR=1000 -DFILTER_PID=0
#include <uapi/linux/ptrace.h>

typedef struct ip_pid {
    u64 ip;
    u64 pid;
} ip_pid_t;

typedef struct hist_key {
    ip_pid_t key;
    u64 slot;
} hist_key_t;

BPF_HASH(start, u32);
BPF_HISTOGRAM(dist, hist_key_t);
BPF_ARRAY(avg, u64, 2);

int trace_func_entry(struct pt_regs *ctx) {
    u64 pid_tgid = bpf_get_current_pid_tgid();
    u32 pid = pid_tgid;
    u32 tgid = pid_tgid >> 32;
    if (FILTER_PID && tgid != FILTER_PID)
        return 0;
    u64 ts = bpf_ktime_get_ns();
    start.update(&pid, &ts);
    return 0;
}

int trace_func_return(struct pt_regs *ctx) {
    u64 pid_tgid = bpf_get_current_pid_tgid();
    u32 pid = pid_tgid;
    u64 *tsp = start.lookup(&pid);
    if (tsp == 0)
        return 0;
    u64 delta = bpf_ktime_get_ns() - *tsp;
    start.delete(&pid);
    u32 lat = 0, cnt = 1;
    u64 *sum = avg.lookup(&lat);
    if (sum)
        lock_xadd(sum, delta);
    u64 *cnts = avg.lookup(&cnt);
    if (cnts)
        lock_xadd(cnts, 1);
    delta /= FACTOR;
    hist_key_t key = {};
    key.key.ip = PT_REGS_IP(ctx);
    key.key.pid = pid_tgid >> 32;
    key.slot = bpf_log2l(delta);
    dist.increment(key);
    return 0;
}
