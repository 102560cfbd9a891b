// ringbuf_discard() drops a reserved event; ringbuf_query() reads the buffer's fill level.
#include <uapi/linux/ptrace.h>

struct event_t {
    u32 pid;
    long ret;
};

BPF_RINGBUF_OUTPUT(events, 8);
BPF_ARRAY(fill, u64, 1);

TRACEPOINT_PROBE(syscalls, sys_exit_openat) {
    struct event_t *e = events.ringbuf_reserve(sizeof(*e));
    if (!e)
        return 0;
    e->pid = bpf_get_current_pid_tgid() >> 32;
    e->ret = args->ret;
    if (args->ret >= 0) {
        events.ringbuf_discard(e, 0);
    } else {
        events.ringbuf_submit(e, BPF_RB_FORCE_WAKEUP);
    }
    int zero = 0;
    u64 avail = events.ringbuf_query(BPF_RB_AVAIL_DATA);
    fill.update(&zero, &avail);
    return 0;
}
