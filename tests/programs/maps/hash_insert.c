// insert() only adds a key that is not there yet: the first time each process is seen.
#include <uapi/linux/ptrace.h>

BPF_HASH(first_seen, u32, u64, 1024);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    u64 now = bpf_ktime_get_ns();
    first_seen.insert(&pid, &now);
    return 0;
}
