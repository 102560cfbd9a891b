// task:task_newtask and task:task_rename.
#include <uapi/linux/ptrace.h>

BPF_HASH(clone_flags, u32, u64);
BPF_HASH(renames, u32);

TRACEPOINT_PROBE(task, task_newtask) {
    u32 pid = args->pid;
    u64 flags = args->clone_flags;
    clone_flags.update(&pid, &flags);
    return 0;
}

TRACEPOINT_PROBE(task, task_rename) {
    u32 pid = args->pid;
    renames.increment(pid);
    return 0;
}
