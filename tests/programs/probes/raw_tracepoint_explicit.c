// A raw tracepoint program named freely (attached with attach_raw_tracepoint()).
#include <linux/sched.h>

BPF_HASH(wakeups, u32);

int on_wakeup(struct bpf_raw_tracepoint_args *ctx) {
    struct task_struct *p = (struct task_struct *)ctx->args[0];
    u32 pid = p->pid;
    wakeups.increment(pid);
    return 0;
}
