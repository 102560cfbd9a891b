// An array of structs written with update(): the last exec seen on each CPU.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct last_t {
    u32 pid;
    u64 ts;
    char comm[TASK_COMM_LEN];
};

BPF_ARRAY(last_exec, struct last_t, 128);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    struct last_t last = {};
    last.pid = args->pid;
    last.ts = bpf_ktime_get_ns();
    bpf_get_current_comm(&last.comm, sizeof(last.comm));
    int cpu = bpf_get_smp_processor_id() & 127;
    last_exec.update(&cpu, &last);
    return 0;
}
