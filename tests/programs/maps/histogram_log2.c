// BPF_HISTOGRAM with defaults and bpf_log2l(), as bitehist does.
#include <uapi/linux/ptrace.h>

BPF_HISTOGRAM(dist);

TRACEPOINT_PROBE(syscalls, sys_exit_read) {
    if (args->ret > 0)
        dist.increment(bpf_log2l(args->ret));
    return 0;
}
