// task->flags with PF_KTHREAD, a #define constant BTF does not carry.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

BPF_ARRAY(kinds, u64, 2);

TRACEPOINT_PROBE(sched, sched_switch) {
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    int kthread = (task->flags & PF_KTHREAD) ? 1 : 0;
    kinds.increment(kthread);
    return 0;
}
