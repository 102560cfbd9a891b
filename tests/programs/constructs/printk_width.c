// Field widths and flags (%5d, %-8s, %08x) are accepted by the kernel's printk helper.
#include <uapi/linux/ptrace.h>

TRACEPOINT_PROBE(sched, sched_process_fork) {
    bpf_trace_printk("%5d -> %-6d %08x\n", args->parent_pid, args->child_pid, args->child_pid);
    return 0;
}
