// opensnoop, kprobe style: do_sys_openat2 entry stashes the path pointer, the return probe
// reads the (user) path and submits it with the result.
#include <uapi/linux/ptrace.h>
#include <uapi/linux/limits.h>
#include <linux/sched.h>

struct val_t {
    u64 id;
    char comm[TASK_COMM_LEN];
    const char *fname;
    int flags;
};

struct data_t {
    u64 id;
    u64 ts;
    u32 uid;
    int ret;
    char comm[TASK_COMM_LEN];
    char fname[NAME_MAX];
    int flags;
};

BPF_HASH(infotmp, u64, struct val_t);
BPF_PERF_OUTPUT(events);

int trace_entry(struct pt_regs *ctx, int dfd, const char __user *filename, struct open_how *how) {
    struct val_t val = {};
    u64 id = bpf_get_current_pid_tgid();
    if (bpf_get_current_comm(&val.comm, sizeof(val.comm)) == 0) {
        val.id = id;
        val.fname = filename;
        val.flags = 0;
        infotmp.update(&id, &val);
    }
    return 0;
}

int trace_return(struct pt_regs *ctx) {
    u64 id = bpf_get_current_pid_tgid();
    struct val_t *valp = infotmp.lookup(&id);
    if (valp == 0)
        return 0;
    struct data_t data = {};
    bpf_probe_read_kernel(&data.comm, sizeof(data.comm), valp->comm);
    bpf_probe_read_user_str(&data.fname, sizeof(data.fname), (void *)valp->fname);
    data.id = valp->id;
    data.ts = bpf_ktime_get_ns() / 1000;
    data.uid = bpf_get_current_uid_gid();
    data.flags = valp->flags;
    data.ret = PT_REGS_RC(ctx);
    events.perf_submit(ctx, &data, sizeof(data));
    infotmp.delete(&id);
    return 0;
}
