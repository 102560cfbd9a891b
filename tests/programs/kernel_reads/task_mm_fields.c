// Reading through task->mm (NULL for kernel threads).
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>
#include <linux/mm_types.h>

BPF_HASH(rss_pages, u32, u64);

TRACEPOINT_PROBE(sched, sched_switch) {
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    struct mm_struct *mm = task->mm;
    if (!mm)
        return 0;
    u32 pid = task->tgid;
    u64 total = mm->total_vm;
    rss_pages.update(&pid, &total);
    return 0;
}
