// sched:sched_process_fork: parent and child pids. (The record's comm fields became
// __data_loc strings in Linux 6.x; the parent's name is the current task's.)
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct fork_t {
    u32 parent;
    u32 child;
    char parent_comm[TASK_COMM_LEN];
};

BPF_PERF_OUTPUT(forks);

TRACEPOINT_PROBE(sched, sched_process_fork) {
    struct fork_t f = {};
    f.parent = args->parent_pid;
    f.child = args->child_pid;
    bpf_get_current_comm(&f.parent_comm, sizeof(f.parent_comm));
    forks.perf_submit(args, &f, sizeof(f));
    return 0;
}
