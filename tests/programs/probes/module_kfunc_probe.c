// MODULE_KFUNC_PROBE / MODULE_KRETFUNC_PROBE: functions of a kernel module (here the kernel
// itself, "vmlinux", so that it loads on any kernel).
#include <linux/fs.h>

BPF_ARRAY(counts, u64, 2);

MODULE_KFUNC_PROBE(vmlinux, vfs_fsync, struct file *file, int datasync) {
    int idx = 0;
    counts.increment(idx);
    return 0;
}

MODULE_KRETFUNC_PROBE(vmlinux, vfs_fsync, struct file *file, int datasync, int ret) {
    int idx = 1;
    counts.increment(idx);
    return 0;
}
