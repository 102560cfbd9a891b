// BPF_CGROUP_ARRAY and check_current_task(): only count tasks in a chosen cgroup.
#include <uapi/linux/ptrace.h>

BPF_CGROUP_ARRAY(cgroup, 1);
BPF_HASH(counts, u32);

TRACEPOINT_PROBE(raw_syscalls, sys_enter) {
    if (cgroup.check_current_task(0) <= 0)
        return 0;
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    counts.increment(pid);
    return 0;
}
