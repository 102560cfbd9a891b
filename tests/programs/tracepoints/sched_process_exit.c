// sched:sched_process_exit with the exiting task's lifetime from its start time.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

BPF_HISTOGRAM(lifetime_ms);

TRACEPOINT_PROBE(sched, sched_process_exit) {
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    if (task->pid != task->tgid)
        return 0;  // a thread, not the process
    u64 age = bpf_ktime_get_ns() - task->start_time;
    lifetime_ms.increment(bpf_log2l(age / 1000000));
    return 0;
}
