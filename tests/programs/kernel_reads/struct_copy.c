// Copying a whole kernel struct (a memcpy) becomes one probe read.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct times_t {
    u64 utime;
    u64 stime;
};

BPF_HASH(cputime, u32, struct times_t);

TRACEPOINT_PROBE(sched, sched_process_exit) {
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    struct times_t t = {};
    t.utime = task->utime;
    t.stime = task->stime;
    u32 pid = task->pid;
    cputime.update(&pid, &t);
    return 0;
}
