// BPF_LICENSE set in the program text (more than one word, no quotes).
#define BPF_LICENSE Dual BSD/GPL
#include <uapi/linux/ptrace.h>

BPF_HASH(counts, u32);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    counts.increment(pid);
    return 0;
}
