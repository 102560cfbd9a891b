// An LRU hash evicts old entries instead of failing when full.
#include <uapi/linux/ptrace.h>

BPF_TABLE("lru_hash", u32, u64, last_seen, 1024);

TRACEPOINT_PROBE(sched, sched_switch) {
    u32 pid = args->next_pid;
    u64 now = bpf_ktime_get_ns();
    last_seen.update(&pid, &now);
    return 0;
}
