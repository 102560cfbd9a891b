// BPF_TASK_STORAGE: per-task data that disappears with the task (task from BTF-typed
// bpf_get_current_task_btf(), which tracing programs may hand to storage helpers).
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

BPF_TASK_STORAGE(exec_time, u64);

BPF_ITER(task) {
    struct task_struct *task = ctx->task;
    if (!task)
        return 0;
    u64 zero = 0;
    u64 *v = exec_time.task_storage_get(task, &zero, BPF_LOCAL_STORAGE_GET_F_CREATE);
    if (v)
        *v += 1;
    return 0;
}
