// file->f_path.dentry->d_name.name from a kprobe argument; the name is read as a string.
#include <uapi/linux/ptrace.h>
#include <linux/fs.h>
#include <linux/dcache.h>

struct name_t {
    char name[64];
};

BPF_HASH(reads_by_name, struct name_t);

int kprobe__vfs_read(struct pt_regs *ctx, struct file *file) {
    struct name_t key = {};
    struct dentry *de = file->f_path.dentry;
    bpf_probe_read_kernel_str(&key.name, sizeof(key.name), de->d_name.name);
    reads_by_name.increment(key);
    return 0;
}
