// Several levels: file -> inode -> super_block -> s_dev, and the inode's mode and size.
#include <uapi/linux/ptrace.h>
#include <linux/fs.h>

struct key_t {
    u32 dev;
    u64 ino;
};

struct val_t {
    u64 size;
    u32 mode;
};

BPF_HASH(files, struct key_t, struct val_t);

int kprobe__vfs_fsync(struct pt_regs *ctx, struct file *file) {
    struct inode *inode = file->f_inode;
    struct key_t key = {};
    key.dev = inode->i_sb->s_dev;
    key.ino = inode->i_ino;
    struct val_t val = {};
    val.size = inode->i_size;
    val.mode = inode->i_mode;
    files.update(&key, &val);
    return 0;
}
