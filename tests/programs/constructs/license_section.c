// A program that writes its own license section keeps it.
#include <uapi/linux/ptrace.h>

char _license[] SEC("license") = "GPL";

BPF_ARRAY(hits, u64, 1);

TRACEPOINT_PROBE(sched, sched_process_fork) {
    int zero = 0;
    hits.increment(zero);
    return 0;
}
