// syncsnoop on syscalls:sys_enter_sync: a timestamp per sync().
#include <uapi/linux/ptrace.h>

struct data_t {
    u64 ts;
    u32 pid;
};

BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    struct data_t data = {};
    data.ts = bpf_ktime_get_ns() / 1000;
    data.pid = bpf_get_current_pid_tgid() >> 32;
    events.perf_submit(args, &data, sizeof(data));
    return 0;
}
