// BPF_RINGBUF_OUTPUT and ringbuf_output(): no context needed.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct event_t {
    u32 pid;
    u32 ppid;
    char comm[TASK_COMM_LEN];
};

BPF_RINGBUF_OUTPUT(events, 8);

TRACEPOINT_PROBE(sched, sched_process_fork) {
    struct event_t e = {};
    e.pid = args->child_pid;
    e.ppid = args->parent_pid;
    bpf_get_current_comm(&e.comm, sizeof(e.comm));
    events.ringbuf_output(&e, sizeof(e), 0);
    return 0;
}
