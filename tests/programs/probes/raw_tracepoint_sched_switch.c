// RAW_TRACEPOINT_PROBE: the raw arguments (prev and next tasks) read as kernel pointers.
#include <linux/sched.h>

BPF_HASH(switches, u32);

RAW_TRACEPOINT_PROBE(sched_switch) {
    // TP_PROTO(bool preempt, struct task_struct *prev, struct task_struct *next, ...)
    struct task_struct *prev = (struct task_struct *)ctx->args[1];
    struct task_struct *next = (struct task_struct *)ctx->args[2];
    u32 prev_tgid = prev->tgid;
    if (next->tgid == prev_tgid)
        return 0;
    switches.increment(prev_tgid);
    return 0;
}
