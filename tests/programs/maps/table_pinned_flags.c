// BPF_TABLE_PINNED with map flags (its seven-argument form).
// tk-needs: bpffs
#include <uapi/linux/ptrace.h>

BPF_TABLE_PINNED("hash", u32, u64, forks, 4096, "/sys/fs/bpf/tk_corpus_forks", BPF_F_NO_PREALLOC);

TRACEPOINT_PROBE(sched, sched_process_fork) {
    u32 pid = args->parent_pid;
    forks.increment(pid);
    return 0;
}
