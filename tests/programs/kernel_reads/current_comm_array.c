// An array member of a kernel struct, indexed: task->comm[0].
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

BPF_HASH(first_letter, char);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    char c = task->comm[0];
    first_letter.increment(c);
    return 0;
}
