// User and kernel stacks with BPF_F_USER_STACK and BPF_F_REUSE_STACKID, from a perf event.
#include <uapi/linux/ptrace.h>
#include <uapi/linux/bpf_perf_event.h>

struct key_t {
    u32 pid;
    int user_stack;
    int kernel_stack;
};

BPF_STACK_TRACE(stack_traces, 16384);
BPF_HASH(counts, struct key_t);

int do_perf_event(struct bpf_perf_event_data *ctx) {
    struct key_t key = {};
    key.pid = bpf_get_current_pid_tgid() >> 32;
    key.user_stack = stack_traces.get_stackid(&ctx->regs, BPF_F_USER_STACK | BPF_F_REUSE_STACKID);
    key.kernel_stack = stack_traces.get_stackid(&ctx->regs, 0);
    counts.increment(key);
    return 0;
}
