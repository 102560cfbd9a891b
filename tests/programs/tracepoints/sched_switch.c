// sched:sched_switch: time each task spends on CPU.
#include <uapi/linux/ptrace.h>

BPF_HASH(oncpu_since, u32, u64);
BPF_HASH(oncpu_total, u32, u64);

TRACEPOINT_PROBE(sched, sched_switch) {
    u64 now = bpf_ktime_get_ns();
    u32 prev = args->prev_pid, next = args->next_pid;
    u64 *since = oncpu_since.lookup(&prev);
    if (since) {
        u64 delta = now - *since;
        u64 zero = 0, *total = oncpu_total.lookup_or_try_init(&prev, &zero);
        if (total)
            *total += delta;
    }
    oncpu_since.update(&next, &now);
    return 0;
}
