// offcputime: time blocked, by user and kernel stack.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

#define MINBLOCK_US 1ULL

struct key_t {
    u32 pid;
    u32 tgid;
    int user_stack_id;
    int kernel_stack_id;
    char name[TASK_COMM_LEN];
};

BPF_HASH(counts, struct key_t);
BPF_HASH(start, u32);
BPF_STACK_TRACE(stack_traces, 16384);

int oncpu(struct pt_regs *ctx, struct task_struct *prev) {
    u32 pid = prev->pid;
    u64 ts = bpf_ktime_get_ns();
    start.update(&pid, &ts);

    pid = bpf_get_current_pid_tgid();
    u64 *tsp = start.lookup(&pid);
    if (tsp == 0)
        return 0;
    u64 t_start = *tsp;
    u64 t_end = bpf_ktime_get_ns();
    start.delete(&pid);
    if (t_start > t_end)
        return 0;
    u64 delta = (t_end - t_start) / 1000;
    if (delta < MINBLOCK_US)
        return 0;
    struct key_t key = {};
    key.pid = pid;
    key.tgid = bpf_get_current_pid_tgid() >> 32;
    key.user_stack_id = stack_traces.get_stackid(ctx, BPF_F_USER_STACK);
    key.kernel_stack_id = stack_traces.get_stackid(ctx, 0);
    bpf_get_current_comm(&key.name, sizeof(key.name));
    counts.increment(key, delta);
    return 0;
}
