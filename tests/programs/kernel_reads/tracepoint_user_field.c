// A pointer field of a syscall tracepoint record is user memory: args->filename[0].
#include <uapi/linux/ptrace.h>

BPF_HASH(absolute, u32);

TRACEPOINT_PROBE(syscalls, sys_enter_openat) {
    if (args->filename[0] != '/')
        return 0;
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    absolute.increment(pid);
    return 0;
}
