// Typedef'd keys and leaves, and a pointer-typed key (disksnoop's struct request *).
#include <uapi/linux/ptrace.h>
#include <linux/blk-mq.h>

typedef u64 timestamp_t;
typedef struct {
    u32 pid;
    u32 cpu;
} who_t;

BPF_HASH(start, struct request *, timestamp_t);
BPF_HASH(issuers, who_t, u64);

int trace_start(struct pt_regs *ctx, struct request *req) {
    timestamp_t ts = bpf_ktime_get_ns();
    start.update(&req, &ts);
    who_t who = {.pid = bpf_get_current_pid_tgid() >> 32, .cpu = bpf_get_smp_processor_id()};
    issuers.increment(who);
    return 0;
}
