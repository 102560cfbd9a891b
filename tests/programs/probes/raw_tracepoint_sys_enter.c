// RAW_TRACEPOINT_PROBE(sys_enter): the syscall id is the second raw argument.
#include <uapi/linux/ptrace.h>

BPF_ARRAY(syscall_counts, u64, 1024);

RAW_TRACEPOINT_PROBE(sys_enter) {
    int id = ctx->args[1];
    if (id < 0 || id >= 1024)
        return 0;
    syscall_counts.increment(id);
    return 0;
}
