// BPF_TABLE("extern", ...): uses the table another object of this process exported with
// BPF_TABLE_PUBLIC (maps/table_public.c, loaded first).
// tk-after: maps/table_public.c
#include <uapi/linux/ptrace.h>

BPF_TABLE("extern", u32, u64, public_counts, 1024);

TRACEPOINT_PROBE(sched, sched_process_exit) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    public_counts.delete(&pid);
    return 0;
}
