// A histogram per process name: struct keys with a slot, printed by sections.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

typedef struct hist_key {
    char comm[TASK_COMM_LEN];
    u64 slot;
} hist_key_t;

BPF_HISTOGRAM(dist, hist_key_t);
BPF_HASH(start, u32);

TRACEPOINT_PROBE(syscalls, sys_enter_nanosleep) {
    u32 tid = bpf_get_current_pid_tgid();
    u64 ts = bpf_ktime_get_ns();
    start.update(&tid, &ts);
    return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_nanosleep) {
    u32 tid = bpf_get_current_pid_tgid();
    u64 *tsp = start.lookup(&tid);
    if (!tsp)
        return 0;
    hist_key_t key = {};
    bpf_get_current_comm(&key.comm, sizeof(key.comm));
    key.slot = bpf_log2l((bpf_ktime_get_ns() - *tsp) / 1000);
    dist.increment(key);
    start.delete(&tid);
    return 0;
}
