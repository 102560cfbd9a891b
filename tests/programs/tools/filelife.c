// filelife: files created and deleted shortly after, with their names (struct dentry args).
#include <uapi/linux/ptrace.h>
#include <linux/fs.h>
#include <linux/sched.h>

struct data_t {
    u32 pid;
    u64 delta;
    char comm[TASK_COMM_LEN];
    char fname[DNAME_INLINE_LEN];
};

BPF_HASH(birth, struct dentry *);
BPF_PERF_OUTPUT(events);

int trace_create(struct pt_regs *ctx, void *dir_or_idmap, void *dir, struct dentry *dentry) {
    u64 ts = bpf_ktime_get_ns();
    birth.update(&dentry, &ts);
    return 0;
}

int trace_unlink(struct pt_regs *ctx, void *idmap, struct inode *dir, struct dentry *dentry) {
    u64 *tsp = birth.lookup(&dentry);
    if (tsp == 0)
        return 0;
    struct data_t data = {};
    data.delta = (bpf_ktime_get_ns() - *tsp) / 1000000;
    birth.delete(&dentry);
    struct qstr d_name = dentry->d_name;
    if (d_name.len == 0)
        return 0;
    if (bpf_get_current_comm(&data.comm, sizeof(data.comm)) == 0) {
        data.pid = bpf_get_current_pid_tgid() >> 32;
        bpf_probe_read_kernel(&data.fname, sizeof(data.fname), d_name.name);
    }
    events.perf_submit(ctx, &data, sizeof(data));
    return 0;
}
