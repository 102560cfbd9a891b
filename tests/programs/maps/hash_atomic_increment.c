// atomic_increment() with and without an amount, and increment() by an amount.
#include <uapi/linux/ptrace.h>

BPF_HASH(bytes, u32, u64);
BPF_HASH(calls, u32, u32);

TRACEPOINT_PROBE(syscalls, sys_exit_read) {
    if (args->ret <= 0)
        return 0;
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    bytes.atomic_increment(pid, args->ret);
    calls.atomic_increment(pid);
    calls.increment(pid, 2);
    return 0;
}
