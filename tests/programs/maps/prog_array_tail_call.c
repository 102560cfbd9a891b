// BPF_PROG_ARRAY and call(): a dispatcher tail-calls a handler by syscall number.
#include <uapi/linux/ptrace.h>

BPF_PROG_ARRAY(handlers, 512);
BPF_ARRAY(handled, u64, 512);

RAW_TRACEPOINT_PROBE(sys_enter) {
    int nr = ctx->args[1];
    handlers.call(ctx, nr);
    return 0;  // no handler for this syscall
}

int handle_read(struct bpf_raw_tracepoint_args *ctx) {
    int nr = ctx->args[1];
    handled.increment(nr);
    return 0;
}
