// raw_syscalls:sys_exit: every syscall's return value, errors counted by id.
#include <uapi/linux/ptrace.h>

BPF_HASH(errors, u32);

TRACEPOINT_PROBE(raw_syscalls, sys_exit) {
    if (args->ret >= 0)
        return 0;
    u32 id = args->id;
    errors.increment(id);
    return 0;
}
