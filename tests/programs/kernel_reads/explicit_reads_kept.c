// Explicit bpf_probe_read_kernel()/bpf_probe_read() keep working next to implicit reads.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct info_t {
    u32 pid;
    u32 ppid;
    char comm[TASK_COMM_LEN];
};

BPF_HASH(info, u32, struct info_t);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    struct task_struct *parent = NULL;
    struct info_t i = {};
    bpf_probe_read_kernel(&parent, sizeof(parent), &task->real_parent);
    bpf_probe_read_kernel(&i.ppid, sizeof(i.ppid), &parent->tgid);
    bpf_probe_read(&i.comm, sizeof(i.comm), task->comm);
    i.pid = task->tgid;
    info.update(&i.pid, &i);
    return 0;
}
