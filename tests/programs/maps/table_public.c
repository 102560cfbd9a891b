// BPF_TABLE_PUBLIC: exported to later BPF objects of the same process.
#include <uapi/linux/ptrace.h>

BPF_TABLE_PUBLIC("hash", u32, u64, public_counts, 1024);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    public_counts.increment(pid);
    return 0;
}
