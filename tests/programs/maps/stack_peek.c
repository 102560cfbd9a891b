// BPF_STACK: LIFO push() and peek() (with the optional flags argument of the macro).
#include <uapi/linux/ptrace.h>

BPF_STACK(recent, u64, 64, 0);
BPF_ARRAY(newest, u64, 1);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    u64 ts = bpf_ktime_get_ns();
    recent.push(&ts, BPF_EXIST);
    u64 top = 0;
    if (recent.peek(&top) == 0) {
        int zero = 0;
        newest.update(&zero, &top);
    }
    return 0;
}
