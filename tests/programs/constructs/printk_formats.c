// bpf_trace_printk with the conversions the kernel supports, at most three arguments each.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

TRACEPOINT_PROBE(sched, sched_process_exec) {
    char comm[TASK_COMM_LEN];
    bpf_get_current_comm(&comm, sizeof(comm));
    u64 ts = bpf_ktime_get_ns();
    bpf_trace_printk("exec %s pid=%d\n", comm, args->pid);
    bpf_trace_printk("ts=%llu hex=%llx %%\n", ts, ts);
    bpf_trace_printk("u=%u ld=%ld lu=%lu\n", (u32)ts, (long)ts, (unsigned long)ts);
    bpf_trace_printk("c=%c p=%p x=%x\n", comm[0], args, args->old_pid);
    bpf_trace_printk("no arguments at all\n");
    return 0;
}
