// Entry/return timing with lookup, update and delete: the pattern of every latency tool.
#include <uapi/linux/ptrace.h>

BPF_HASH(start, u32, u64);
BPF_HASH(total, u32, u64);

int trace_entry(struct pt_regs *ctx) {
    u32 tid = bpf_get_current_pid_tgid();
    u64 ts = bpf_ktime_get_ns();
    start.update(&tid, &ts);
    return 0;
}

int trace_return(struct pt_regs *ctx) {
    u32 tid = bpf_get_current_pid_tgid();
    u64 *tsp = start.lookup(&tid);
    if (tsp == 0)
        return 0;
    u64 delta = bpf_ktime_get_ns() - *tsp;
    start.delete(&tid);
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    u64 zero = 0, *sum = total.lookup_or_try_init(&pid, &zero);
    if (sum)
        *sum += delta;
    return 0;
}
