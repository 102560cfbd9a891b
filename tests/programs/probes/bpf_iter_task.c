// BPF_ITER(task): an iterator program walking every task.
#include <linux/sched.h>

BPF_HASH(threads_per_process, u32, u64, 16384);

BPF_ITER(task) {
    struct task_struct *task = ctx->task;
    if (task == (void *)0)
        return 0;
    u32 tgid = task->tgid;
    threads_per_process.increment(tgid);
    return 0;
}
