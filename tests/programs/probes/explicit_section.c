// SEC("...") written by the program is kept, and its prefix gives the program's kind.
#include <uapi/linux/ptrace.h>

BPF_HASH(events_seen, u32);

SEC("tracepoint/sched/sched_process_free")
int on_free(void *ctx) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    events_seen.increment(pid);
    return 0;
}
