// task->real_parent->tgid: each pointer hop becomes a probe read (CO-RE relocated in BTF mode).
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct family_t {
    u32 pid;
    u32 ppid;
    u32 grandparent;
};

BPF_HASH(families, u32, struct family_t);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    struct family_t f = {};
    f.pid = task->tgid;
    f.ppid = task->real_parent->tgid;
    f.grandparent = task->real_parent->real_parent->tgid;
    families.update(&f.pid, &f);
    return 0;
}
