// BPF_PERCPU_ARRAY as a scratch buffer too large for the 512-byte stack.
#include <uapi/linux/ptrace.h>

struct big_t {
    char buf[1024];
    u64 len;
};

BPF_PERCPU_ARRAY(scratch, struct big_t, 1);
BPF_PERCPU_ARRAY(counter);

TRACEPOINT_PROBE(syscalls, sys_enter_write) {
    int zero = 0;
    struct big_t *b = scratch.lookup(&zero);
    if (!b)
        return 0;
    b->len = args->count;
    bpf_probe_read_user(b->buf, sizeof(b->buf), args->buf);
    counter.increment(zero);
    return 0;
}
