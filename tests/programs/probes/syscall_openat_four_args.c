// A syscall's fourth argument comes from r10, not rcx: openat's mode.
#include <uapi/linux/ptrace.h>

struct open_t {
    int dfd;
    int flags;
    u32 mode;
    char path[64];
};

BPF_HASH(opens, u32, struct open_t);

int syscall__openat(struct pt_regs *ctx, int dfd, const char __user *filename, int flags, u32 mode) {
    struct open_t o = {};
    o.dfd = dfd;
    o.flags = flags;
    o.mode = mode;
    bpf_probe_read_user_str(&o.path, sizeof(o.path), filename);
    u32 tid = bpf_get_current_pid_tgid();
    opens.update(&tid, &o);
    return 0;
}
