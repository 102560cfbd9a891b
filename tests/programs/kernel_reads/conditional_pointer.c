// A pointer chosen by a condition (select/phi): reads through either choice become probe reads.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

BPF_HASH(leaders, u32, u32);

TRACEPOINT_PROBE(sched, sched_process_exit) {
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    struct task_struct *who = task->group_leader ? task->group_leader : task;
    u32 pid = task->pid, leader = who->pid;
    leaders.update(&pid, &leader);
    return 0;
}
