// A tracepoint program with a hand-written argument struct, attached with attach_tracepoint(),
// as BCC's urandomread-explicit example does.
// tk-load: printarg=TRACEPOINT
#include <uapi/linux/ptrace.h>

struct task_rename_args {
    u64 __unused__;
    u32 pid;
    char oldcomm[16];
    char newcomm[16];
};

BPF_HASH(renames, u32);

int printarg(struct task_rename_args *args) {
    u32 pid = args->pid;
    renames.increment(pid);
    return 0;
}
