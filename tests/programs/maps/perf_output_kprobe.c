// perf_submit() from a kprobe-style program (the context is pt_regs).
#include <uapi/linux/ptrace.h>

struct event_t {
    u32 pid;
    int ret;
};

BPF_PERF_OUTPUT(results);

int trace_return(struct pt_regs *ctx) {
    struct event_t e = {};
    e.pid = bpf_get_current_pid_tgid() >> 32;
    e.ret = PT_REGS_RC(ctx);
    results.perf_submit(ctx, &e, sizeof(e));
    return 0;
}
