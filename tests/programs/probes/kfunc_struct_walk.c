// fentry arguments are BTF pointers: the program follows them (file -> path -> dentry).
#include <linux/fs.h>
#include <linux/dcache.h>

struct event_t {
    u32 pid;
    u32 mode;
    char name[32];
};

BPF_PERF_OUTPUT(events);

KFUNC_PROBE(vfs_unlink, struct user_namespace *mnt_userns, struct inode *dir, struct dentry *dentry) {
    struct event_t e = {};
    e.pid = bpf_get_current_pid_tgid() >> 32;
    e.mode = dentry->d_inode ? dentry->d_inode->i_mode : 0;
    bpf_probe_read_kernel_str(&e.name, sizeof(e.name), dentry->d_name.name);
    events.perf_submit(ctx, &e, sizeof(e));
    return 0;
}
