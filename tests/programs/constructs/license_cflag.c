// BPF_LICENSE given as a compiler flag.
// tk-cflags: -DBPF_LICENSE=GPL
#include <uapi/linux/ptrace.h>

TRACEPOINT_PROBE(sched, sched_process_exit) {
    bpf_trace_printk("exit %d\n", args->pid);
    return 0;
}
