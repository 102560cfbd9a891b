// Static helpers are inlined into the programs that call them, including helpers calling
// helpers and one helper used by two programs.
#include <uapi/linux/ptrace.h>

BPF_HASH(start, u32);
BPF_HISTOGRAM(dist);

static u32 current_tid(void) {
    return bpf_get_current_pid_tgid();
}

static void remember(u32 tid) {
    u64 ts = bpf_ktime_get_ns();
    start.update(&tid, &ts);
}

static inline u64 elapsed(u32 tid) {
    u64 *tsp = start.lookup(&tid);
    if (!tsp)
        return 0;
    u64 delta = bpf_ktime_get_ns() - *tsp;
    start.delete(&tid);
    return delta;
}

TRACEPOINT_PROBE(syscalls, sys_enter_fsync) {
    remember(current_tid());
    return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_fsync) {
    u64 delta = elapsed(current_tid());
    if (delta)
        dist.increment(bpf_log2l(delta / 1000));
    return 0;
}
