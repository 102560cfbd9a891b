// The mount namespace inode, through nsproxy->mnt_ns (a type private to the kernel's fs/
// directory in headers mode, so read through the ns_common at its start).
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>
#include <linux/nsproxy.h>
#include <linux/ns_common.h>

struct mnt_namespace_head {
    struct ns_common ns;
};

BPF_HASH(by_mntns, u32);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    struct mnt_namespace_head *mntns = (struct mnt_namespace_head *)task->nsproxy->mnt_ns;
    u32 inum = mntns->ns.inum;
    by_mntns.increment(inum);
    return 0;
}
