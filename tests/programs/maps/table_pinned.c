// BPF_TABLE_PINNED: the map lives at a bpffs path and outlives the program.
// tk-needs: bpffs
#include <uapi/linux/ptrace.h>

BPF_TABLE_PINNED("hash", u32, u64, execs_by_uid, 1024, "/sys/fs/bpf/tk_corpus_execs_by_uid");

TRACEPOINT_PROBE(sched, sched_process_exec) {
    u32 uid = bpf_get_current_uid_gid();
    execs_by_uid.increment(uid);
    return 0;
}
