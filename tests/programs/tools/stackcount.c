// stackcount: how a function is reached, by kernel and user stack, per process.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct key_t {
    u32 tgid;
    int kernel_stack_id;
    int user_stack_id;
    char name[TASK_COMM_LEN];
};

BPF_HASH(counts, struct key_t);
BPF_STACK_TRACE(stack_traces, 1024);

int trace_count(void *ctx) {
    struct key_t key = {};
    key.tgid = bpf_get_current_pid_tgid() >> 32;
    key.kernel_stack_id = stack_traces.get_stackid(ctx, 0);
    key.user_stack_id = stack_traces.get_stackid(ctx, BPF_F_USER_STACK);
    bpf_get_current_comm(&key.name, sizeof(key.name));
    counts.increment(key);
    return 0;
}
