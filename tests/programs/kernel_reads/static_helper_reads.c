// A static helper taking a kernel pointer: inlined, its reads follow the pointer's origin.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

static u32 parent_of(struct task_struct *task) {
    return task->real_parent->tgid;
}

static __always_inline int is_kthread(struct task_struct *task) {
    return task->flags & PF_KTHREAD;
}

BPF_HASH(parents, u32, u32);

TRACEPOINT_PROBE(sched, sched_process_fork) {
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    if (is_kthread(task))
        return 0;
    u32 child = args->child_pid;
    u32 parent = parent_of(task);
    parents.update(&child, &parent);
    return 0;
}
