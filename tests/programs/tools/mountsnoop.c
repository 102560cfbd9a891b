// mountsnoop: mount() arguments (several user strings) and the mount namespace.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>
#include <linux/nsproxy.h>
#include <linux/ns_common.h>

struct mnt_namespace_head {
    struct ns_common ns;
};

struct data_t {
    u32 pid;
    u32 mnt_ns;
    u64 flags;
    char source[64];
    char target[64];
    char type[16];
};

BPF_PERCPU_ARRAY(scratch, struct data_t, 1);
BPF_PERF_OUTPUT(events);

int syscall__mount(struct pt_regs *ctx, char __user *source, char __user *target,
                   char __user *type, unsigned long flags, char __user *data) {
    int zero = 0;
    struct data_t *d = scratch.lookup(&zero);
    if (!d)
        return 0;
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    struct mnt_namespace_head *mnt_ns = (struct mnt_namespace_head *)task->nsproxy->mnt_ns;
    d->pid = bpf_get_current_pid_tgid() >> 32;
    d->mnt_ns = mnt_ns->ns.inum;
    d->flags = flags;
    bpf_probe_read_user_str(d->source, sizeof(d->source), source);
    bpf_probe_read_user_str(d->target, sizeof(d->target), target);
    bpf_probe_read_user_str(d->type, sizeof(d->type), type);
    events.perf_submit(ctx, d, sizeof(*d));
    return 0;
}
