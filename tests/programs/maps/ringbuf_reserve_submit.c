// ringbuf_reserve()/ringbuf_submit(): the event is written in place.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct event_t {
    u32 pid;
    u64 ts;
    char comm[TASK_COMM_LEN];
};

BPF_RINGBUF_OUTPUT(buffer, 16);

TRACEPOINT_PROBE(sched, sched_process_exit) {
    struct event_t *e = buffer.ringbuf_reserve(sizeof(struct event_t));
    if (!e)
        return 0;
    e->pid = bpf_get_current_pid_tgid() >> 32;
    e->ts = bpf_ktime_get_ns();
    bpf_get_current_comm(&e->comm, sizeof(e->comm));
    buffer.ringbuf_submit(e, 0);
    return 0;
}
