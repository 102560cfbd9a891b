// A bounded walk up the process tree (a loop over loaded pointers).
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

BPF_HASH(depth, u32, u32);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    u32 pid = task->tgid;
    u32 d = 0;
#pragma unroll
    for (int i = 0; i < 8; i++) {
        struct task_struct *parent = task->real_parent;
        if (!parent || parent == task || parent->pid == 0)
            break;
        task = parent;
        d++;
    }
    depth.update(&pid, &d);
    return 0;
}
