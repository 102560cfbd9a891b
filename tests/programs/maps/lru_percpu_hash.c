// An LRU per-CPU hash of wakeup counts.
#include <uapi/linux/ptrace.h>

BPF_TABLE("lru_percpu_hash", u32, u64, wakeups, 2048);

TRACEPOINT_PROBE(sched, sched_wakeup) {
    u32 pid = args->pid;
    wakeups.increment(pid);
    return 0;
}
