// killsnoop: kill() entry records the target and signal, exit reports with the result.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct val_t {
    u32 pid;
    int sig;
    int tpid;
    char comm[TASK_COMM_LEN];
};

struct data_t {
    u32 pid;
    int tpid;
    int sig;
    int ret;
    char comm[TASK_COMM_LEN];
};

BPF_HASH(infotmp, u32, struct val_t);
BPF_PERF_OUTPUT(events);

int syscall__kill(struct pt_regs *ctx, int tpid, int sig) {
    u64 pid_tgid = bpf_get_current_pid_tgid();
    u32 tid = (u32)pid_tgid;
    struct val_t val = {.pid = pid_tgid >> 32};
    if (bpf_get_current_comm(&val.comm, sizeof(val.comm)) == 0) {
        val.tpid = tpid;
        val.sig = sig;
        infotmp.update(&tid, &val);
    }
    return 0;
}

int do_ret_sys_kill(struct pt_regs *ctx) {
    u32 tid = (u32)bpf_get_current_pid_tgid();
    struct val_t *valp = infotmp.lookup(&tid);
    if (valp == 0)
        return 0;
    struct data_t data = {};
    bpf_probe_read_kernel(&data.comm, sizeof(data.comm), valp->comm);
    data.pid = valp->pid;
    data.tpid = valp->tpid;
    data.ret = PT_REGS_RC(ctx);
    data.sig = valp->sig;
    events.perf_submit(ctx, &data, sizeof(data));
    infotmp.delete(&tid);
    return 0;
}
