// kprobe__<function>: attached automatically to the function the name gives.
#include <uapi/linux/ptrace.h>

BPF_HASH(calls, u32);

int kprobe__vfs_read(struct pt_regs *ctx) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    calls.increment(pid);
    return 0;
}
