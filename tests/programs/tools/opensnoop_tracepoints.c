// opensnoop on the syscall tracepoints (kernels without kprobes), with a pid filter from cflags.
// tk-cflags: -DTGID_FILTER=0
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct args_t {
    const char *fname;
    int flags;
};

struct event_t {
    u32 pid;
    u32 uid;
    int ret;
    int flags;
    char comm[TASK_COMM_LEN];
    char fname[255];
};

BPF_HASH(start, u32, struct args_t);
BPF_PERCPU_ARRAY(heap, struct event_t, 1);
BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(syscalls, sys_enter_openat) {
    u64 id = bpf_get_current_pid_tgid();
    if (TGID_FILTER && (id >> 32) != TGID_FILTER)
        return 0;
    u32 tid = id;
    struct args_t a = {.fname = args->filename, .flags = args->flags};
    start.update(&tid, &a);
    return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_openat) {
    u64 id = bpf_get_current_pid_tgid();
    u32 tid = id;
    struct args_t *ap = start.lookup(&tid);
    if (!ap)
        return 0;
    int zero = 0;
    struct event_t *e = heap.lookup(&zero);
    if (!e)
        goto cleanup;
    e->pid = id >> 32;
    e->uid = bpf_get_current_uid_gid();
    e->ret = args->ret;
    e->flags = ap->flags;
    bpf_get_current_comm(&e->comm, sizeof(e->comm));
    bpf_probe_read_user_str(&e->fname, sizeof(e->fname), ap->fname);
    events.perf_submit(args, e, sizeof(*e));
cleanup:
    start.delete(&tid);
    return 0;
}
