// cpudist: on-CPU time per scheduling, in microseconds.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

BPF_HASH(start, u32, u64);
BPF_HISTOGRAM(dist);

TRACEPOINT_PROBE(sched, sched_switch) {
    u64 ts = bpf_ktime_get_ns();
    u32 prev = args->prev_pid;
    u64 *tsp = start.lookup(&prev);
    if (tsp != 0) {
        u64 delta = (ts - *tsp) / 1000;
        dist.increment(bpf_log2l(delta));
    }
    u32 next = args->next_pid;
    start.update(&next, &ts);
    return 0;
}
