// Two programs enabled on two USDT probes: each call links to its own program's reader.
#include <uapi/linux/ptrace.h>

__TK_USDT_READER _bpf_readarg_on_start_1(struct pt_regs *ctx, void *dest, size_t len) {
    u64 v = ctx->di;
    __builtin_memcpy(dest, &v, len < sizeof(v) ? len : sizeof(v));
    return 0;
}

__TK_USDT_READER _bpf_readarg_on_done_1(struct pt_regs *ctx, void *dest, size_t len) {
    u64 v = ctx->dx;
    __builtin_memcpy(dest, &v, len < sizeof(v) ? len : sizeof(v));
    return 0;
}

BPF_HASH(started, u64, u64);
BPF_HISTOGRAM(latency);

int on_start(struct pt_regs *ctx) {
    u64 id = 0, ts = bpf_ktime_get_ns();
    bpf_usdt_readarg(1, ctx, &id);
    started.update(&id, &ts);
    return 0;
}

int on_done(struct pt_regs *ctx) {
    u64 id = 0;
    bpf_usdt_readarg(1, ctx, &id);
    u64 *ts = started.lookup(&id);
    if (!ts)
        return 0;
    latency.increment(bpf_log2l(bpf_ktime_get_ns() - *ts));
    started.delete(&id);
    return 0;
}
