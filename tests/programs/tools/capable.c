// capable: capability checks with the capability, audit flag and stacks.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>
#include <linux/security.h>

struct data_t {
    u32 tgid;
    u32 pid;
    u32 uid;
    int cap;
    int audit;
    int insetid;
    char comm[TASK_COMM_LEN];
    int kernel_stack_id;
    int user_stack_id;
};

BPF_PERF_OUTPUT(events);
BPF_STACK_TRACE(stacks, 2048);

int kprobe__cap_capable(struct pt_regs *ctx, const struct cred *cred,
                        struct user_namespace *targ_ns, int cap, int cap_opt) {
    u64 pid_tgid = bpf_get_current_pid_tgid();
    struct data_t data = {};
    data.tgid = pid_tgid >> 32;
    data.pid = pid_tgid;
    data.uid = bpf_get_current_uid_gid();
    data.cap = cap;
    data.audit = (cap_opt & 0b10) == 0;
    data.insetid = (cap_opt & 0b100) != 0;
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    data.kernel_stack_id = stacks.get_stackid(ctx, 0);
    data.user_stack_id = stacks.get_stackid(ctx, BPF_F_USER_STACK);
    events.perf_submit(ctx, &data, sizeof(data));
    return 0;
}
