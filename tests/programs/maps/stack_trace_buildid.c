// BPF_STACK_TRACE_BUILDID: user stacks as build id + offset.
#include <uapi/linux/ptrace.h>
#include <uapi/linux/bpf_perf_event.h>

BPF_STACK_TRACE_BUILDID(stack_traces, 1024);
BPF_HASH(counts, int);

int sample(struct bpf_perf_event_data *ctx) {
    int id = stack_traces.get_stackid(&ctx->regs, BPF_F_USER_STACK);
    if (id >= 0)
        counts.increment(id);
    return 0;
}
