// Syscall arguments point to user memory: dereferenced, they are read with probe_read_user.
#include <uapi/linux/ptrace.h>

BPF_HASH(first_chars, u32, char);

int syscall__openat(struct pt_regs *ctx, int dfd, const char __user *filename) {
    char first = filename[0];
    u32 tid = bpf_get_current_pid_tgid();
    first_chars.update(&tid, &first);
    return 0;
}
