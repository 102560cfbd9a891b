// Filters configured with -D flags, as BCC tools configure their programs.
// tk-cflags: -DFILTER_PID=1 -DTARGET_PID=4242 -DMIN_BYTES=16
#include <uapi/linux/ptrace.h>

BPF_HASH(writes, u32);

TRACEPOINT_PROBE(syscalls, sys_enter_write) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
#ifdef FILTER_PID
    if (pid != TARGET_PID)
        return 0;
#endif
    if (args->count < MIN_BYTES)
        return 0;
    writes.increment(pid);
    return 0;
}
