// runqlat: scheduler run queue latency (wakeup to running) as a log2 histogram.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

BPF_HASH(start, u32);
BPF_HISTOGRAM(dist);

static int trace_enqueue(u32 tgid, u32 pid) {
    if (pid == 0)
        return 0;
    u64 ts = bpf_ktime_get_ns();
    start.update(&pid, &ts);
    return 0;
}

TRACEPOINT_PROBE(sched, sched_wakeup) {
    return trace_enqueue(0, args->pid);
}

TRACEPOINT_PROBE(sched, sched_wakeup_new) {
    return trace_enqueue(0, args->pid);
}

TRACEPOINT_PROBE(sched, sched_switch) {
    if (args->prev_state == TASK_RUNNING)
        trace_enqueue(0, args->prev_pid);
    u32 pid = args->next_pid;
    u64 *tsp = start.lookup(&pid);
    if (tsp == 0)
        return 0;
    u64 delta = (bpf_ktime_get_ns() - *tsp) / 1000;
    dist.increment(bpf_log2l(delta));
    start.delete(&pid);
    return 0;
}
