// BPF_INODE_STORAGE from an LSM hook: count opens per inode.
#include <linux/fs.h>

BPF_INODE_STORAGE(opens, u64);

LSM_PROBE(file_open, struct file *file) {
    u64 *n = opens.inode_storage_get(file->f_inode, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
    if (n)
        __sync_fetch_and_add(n, 1);
    return 0;
}
