// Function arguments declared in the signature, read from the registers (di, si, dx).
#include <uapi/linux/ptrace.h>
#include <linux/fs.h>

BPF_HASH(requested, u32, u64);

int kprobe__vfs_write(struct pt_regs *ctx, struct file *file, const char *buf, size_t count) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    u64 n = count;
    requested.update(&pid, &n);
    return 0;
}
