// wakeuptime: time blocked by the waker's kernel stack.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct key_t {
    int w_k_stack_id;
    char waker[TASK_COMM_LEN];
    char target[TASK_COMM_LEN];
};

BPF_HASH(counts, struct key_t);
BPF_HASH(start, u32);
BPF_STACK_TRACE(stack_traces, 2048);

int offcpu(struct pt_regs *ctx) {
    u32 pid = bpf_get_current_pid_tgid();
    u64 ts = bpf_ktime_get_ns();
    start.update(&pid, &ts);
    return 0;
}

int waker(struct pt_regs *ctx, struct task_struct *p) {
    u32 pid = p->pid;
    u64 *tsp = start.lookup(&pid);
    if (tsp == 0)
        return 0;
    u64 delta = (bpf_ktime_get_ns() - *tsp) / 1000;
    start.delete(&pid);
    struct key_t key = {};
    key.w_k_stack_id = stack_traces.get_stackid(ctx, 0);
    bpf_probe_read_kernel(&key.target, sizeof(key.target), p->comm);
    bpf_get_current_comm(&key.waker, sizeof(key.waker));
    counts.increment(key, delta);
    return 0;
}
