// BPF_F_TABLE passes map flags: a hash that is not preallocated.
#include <uapi/linux/ptrace.h>

BPF_F_TABLE("hash", u32, u64, sparse, 65536, BPF_F_NO_PREALLOC);

TRACEPOINT_PROBE(sched, sched_process_exit) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    sparse.delete(&pid);
    return 0;
}
