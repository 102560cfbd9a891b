// KFUNC_PROBE: an fentry program with the function's arguments typed, read directly.
#include <linux/fs.h>

BPF_HASH(reads, u32, u64);

KFUNC_PROBE(vfs_read, struct file *file, char *buf, size_t count, loff_t *pos) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    u64 n = count;
    reads.update(&pid, &n);
    return 0;
}
