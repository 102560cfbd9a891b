// sched:sched_wakeup and sched_wakeup_new share an event class (DEFINE_EVENT).
#include <uapi/linux/ptrace.h>

BPF_HASH(wakeup_ts, u32, u64);

TRACEPOINT_PROBE(sched, sched_wakeup) {
    u32 pid = args->pid;
    u64 ts = bpf_ktime_get_ns();
    wakeup_ts.update(&pid, &ts);
    return 0;
}

TRACEPOINT_PROBE(sched, sched_wakeup_new) {
    u32 pid = args->pid;
    u64 ts = bpf_ktime_get_ns();
    wakeup_ts.update(&pid, &ts);
    return 0;
}
