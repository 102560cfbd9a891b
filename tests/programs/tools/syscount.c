// syscount: per-syscall counts and total latency on the raw syscall tracepoints.
#include <uapi/linux/ptrace.h>

struct data_t {
    u64 count;
    u64 total_ns;
};

BPF_HASH(start, u64, u64);
BPF_HASH(data, u32, struct data_t);

TRACEPOINT_PROBE(raw_syscalls, sys_enter) {
    u64 pid_tgid = bpf_get_current_pid_tgid();
    u64 t = bpf_ktime_get_ns();
    start.update(&pid_tgid, &t);
    return 0;
}

TRACEPOINT_PROBE(raw_syscalls, sys_exit) {
    u64 pid_tgid = bpf_get_current_pid_tgid();
    u64 *start_ns = start.lookup(&pid_tgid);
    if (!start_ns)
        return 0;
    u32 key = args->id;
    struct data_t zero = {};
    struct data_t *val = data.lookup_or_try_init(&key, &zero);
    if (val) {
        lock_xadd(&val->count, 1);
        lock_xadd(&val->total_ns, bpf_ktime_get_ns() - *start_ns);
    }
    start.delete(&pid_tgid);
    return 0;
}
