// Namespaces: task->nsproxy->pid_ns_for_children->ns.inum, as container filters read it.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>
#include <linux/nsproxy.h>
#include <linux/pid_namespace.h>

BPF_HASH(by_pidns, u32);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    u32 inum = task->nsproxy->pid_ns_for_children->ns.inum;
    by_pidns.increment(inum);
    return 0;
}
