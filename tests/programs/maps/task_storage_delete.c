// task_storage_delete() when a task's entry is no longer needed.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

BPF_TASK_STORAGE(seen, u32);

BPF_ITER(task) {
    struct task_struct *task = ctx->task;
    if (!task)
        return 0;
    if (seen.task_storage_get(task, 0, 0))
        seen.task_storage_delete(task);
    return 0;
}
