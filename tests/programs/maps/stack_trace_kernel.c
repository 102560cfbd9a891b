// BPF_STACK_TRACE and get_stackid(): kernel stacks of the tasks that go off CPU.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct key_t {
    u32 pid;
    int kernel_stack;
    char comm[TASK_COMM_LEN];
};

BPF_STACK_TRACE(stacks, 4096);
BPF_HASH(counts, struct key_t);

TRACEPOINT_PROBE(sched, sched_switch) {
    struct key_t key = {};
    key.pid = args->prev_pid;
    key.kernel_stack = stacks.get_stackid(args, 0);
    bpf_probe_read_kernel_str(&key.comm, sizeof(key.comm), args->prev_comm);
    counts.increment(key);
    return 0;
}
