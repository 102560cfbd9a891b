// statsnoop: newfstatat and statx entries and returns with the path.
#include <uapi/linux/ptrace.h>
#include <uapi/linux/limits.h>
#include <linux/sched.h>

struct val_t {
    const char *fname;
};

struct data_t {
    u32 pid;
    u64 ts_ns;
    int ret;
    char comm[TASK_COMM_LEN];
    char fname[NAME_MAX];
};

BPF_HASH(infotmp, u32, struct val_t);
BPF_PERF_OUTPUT(events);

int syscall__entry(struct pt_regs *ctx, int dfd, const char __user *filename) {
    struct val_t val = {.fname = filename};
    u32 tid = bpf_get_current_pid_tgid();
    infotmp.update(&tid, &val);
    return 0;
}

int trace_return(struct pt_regs *ctx) {
    u64 pid_tgid = bpf_get_current_pid_tgid();
    u32 tid = (u32)pid_tgid;
    struct val_t *valp = infotmp.lookup(&tid);
    if (valp == 0)
        return 0;
    struct data_t data = {.pid = pid_tgid >> 32};
    bpf_probe_read_user_str(&data.fname, sizeof(data.fname), (void *)valp->fname);
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    data.ts_ns = bpf_ktime_get_ns();
    data.ret = PT_REGS_RC(ctx);
    events.perf_submit(ctx, &data, sizeof(data));
    infotmp.delete(&tid);
    return 0;
}
