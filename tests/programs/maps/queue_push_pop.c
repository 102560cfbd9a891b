// BPF_QUEUE: push() events, pop() them back in FIFO order.
#include <uapi/linux/ptrace.h>

struct event_t {
    u32 pid;
    u64 ts;
};

BPF_QUEUE(pending, struct event_t, 1024);
BPF_ARRAY(popped, u64, 1);

TRACEPOINT_PROBE(sched, sched_process_fork) {
    struct event_t e = {.pid = args->child_pid, .ts = bpf_ktime_get_ns()};
    pending.push(&e, BPF_EXIST);
    return 0;
}

TRACEPOINT_PROBE(sched, sched_process_exit) {
    struct event_t e;
    if (pending.pop(&e) == 0) {
        int zero = 0;
        popped.increment(zero);
    }
    return 0;
}
