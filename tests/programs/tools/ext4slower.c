// ext4slower: ext4 reads, writes, opens and fsyncs slower than a threshold, with file names
// from the struct kiocb / struct file arguments.
// tk-cflags: -DMIN_LATENCY_US=10000
#include <uapi/linux/ptrace.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/dcache.h>

#define TRACE_READ 0
#define TRACE_WRITE 1
#define TRACE_OPEN 2
#define TRACE_FSYNC 3

struct val_t {
    u64 ts;
    u64 offset;
    struct file *fp;
};

struct data_t {
    u64 type;
    u64 size;
    u64 offset;
    u64 delta_us;
    u32 pid;
    char task[TASK_COMM_LEN];
    char file[DNAME_INLINE_LEN];
};

BPF_HASH(entryinfo, u64, struct val_t);
BPF_PERF_OUTPUT(events);

int trace_rw_entry(struct pt_regs *ctx, struct kiocb *iocb) {
    u64 id = bpf_get_current_pid_tgid();
    struct val_t val = {};
    val.ts = bpf_ktime_get_ns();
    val.fp = iocb->ki_filp;
    val.offset = iocb->ki_pos;
    if (val.fp)
        entryinfo.update(&id, &val);
    return 0;
}

int trace_open_entry(struct pt_regs *ctx, struct inode *inode, struct file *file) {
    u64 id = bpf_get_current_pid_tgid();
    struct val_t val = {};
    val.ts = bpf_ktime_get_ns();
    val.fp = file;
    val.offset = 0;
    if (val.fp)
        entryinfo.update(&id, &val);
    return 0;
}

static int trace_return(struct pt_regs *ctx, int type) {
    u64 id = bpf_get_current_pid_tgid();
    struct val_t *valp = entryinfo.lookup(&id);
    if (valp == 0)
        return 0;
    u64 ts = bpf_ktime_get_ns();
    u64 delta_us = (ts - valp->ts) / 1000;
    entryinfo.delete(&id);
    if (MIN_LATENCY_US && delta_us < MIN_LATENCY_US)
        return 0;
    u64 size = PT_REGS_RC(ctx);
    struct data_t data = {};
    data.type = type;
    data.size = size;
    data.delta_us = delta_us;
    data.pid = id >> 32;
    data.offset = valp->offset;
    bpf_get_current_comm(&data.task, sizeof(data.task));
    struct dentry *de = valp->fp->f_path.dentry;
    struct qstr qs = de->d_name;
    if (qs.len == 0)
        return 0;
    bpf_probe_read_kernel(&data.file, sizeof(data.file), (void *)qs.name);
    events.perf_submit(ctx, &data, sizeof(data));
    return 0;
}

int trace_read_return(struct pt_regs *ctx) { return trace_return(ctx, TRACE_READ); }
int trace_write_return(struct pt_regs *ctx) { return trace_return(ctx, TRACE_WRITE); }
int trace_open_return(struct pt_regs *ctx) { return trace_return(ctx, TRACE_OPEN); }
int trace_fsync_return(struct pt_regs *ctx) { return trace_return(ctx, TRACE_FSYNC); }
