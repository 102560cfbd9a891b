// syscalls:sys_enter_openat / sys_exit_openat: the file name pointer is user memory.
#include <uapi/linux/ptrace.h>

struct open_t {
    u64 ts;
    char path[128];
};

BPF_HASH(inflight, u32, struct open_t);
BPF_PERF_OUTPUT(failures);

TRACEPOINT_PROBE(syscalls, sys_enter_openat) {
    struct open_t o = {};
    o.ts = bpf_ktime_get_ns();
    bpf_probe_read_user_str(&o.path, sizeof(o.path), args->filename);
    u32 tid = bpf_get_current_pid_tgid();
    inflight.update(&tid, &o);
    return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_openat) {
    u32 tid = bpf_get_current_pid_tgid();
    struct open_t *o = inflight.lookup(&tid);
    if (!o)
        return 0;
    if (args->ret < 0)
        failures.perf_submit(args, o, sizeof(*o));
    inflight.delete(&tid);
    return 0;
}
