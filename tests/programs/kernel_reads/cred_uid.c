// task->cred->uid.val (kuid_t), and the credentials' user namespace.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>
#include <linux/cred.h>

BPF_HASH(execs_by_uid, u32);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    const struct cred *cred = task->real_cred;
    u32 uid = cred->uid.val;
    execs_by_uid.increment(uid);
    return 0;
}
