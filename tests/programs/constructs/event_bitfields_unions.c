// Events with bitfields, unions and enums: their layouts go to user space in the metadata.
#include <uapi/linux/ptrace.h>

enum kind { KIND_EXEC = 1, KIND_EXIT = 2 };

struct event_t {
    u32 pid;
    enum kind kind;
    u32 is_thread : 1;
    u32 cpu : 15;
    u32 reserved : 16;
    union {
        u64 ts;
        u32 parts[2];
    };
};

BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(sched, sched_process_exit) {
    struct event_t e = {};
    u64 id = bpf_get_current_pid_tgid();
    e.pid = id >> 32;
    e.kind = KIND_EXIT;
    e.is_thread = (u32)id != (id >> 32);
    e.cpu = bpf_get_smp_processor_id();
    e.ts = bpf_ktime_get_ns();
    events.perf_submit(args, &e, sizeof(e));
    return 0;
}
