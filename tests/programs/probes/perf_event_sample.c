// A perf_event program: sampled instruction pointers per process.
#include <uapi/linux/ptrace.h>
#include <uapi/linux/bpf_perf_event.h>

struct key_t {
    u32 pid;
    u64 ip;
};

BPF_HASH(samples, struct key_t);

int on_sample(struct bpf_perf_event_data *ctx) {
    struct key_t key = {};
    key.pid = bpf_get_current_pid_tgid() >> 32;
    key.ip = PT_REGS_IP(&ctx->regs);
    samples.increment(key);
    if (ctx->sample_period > 1000000)
        return 0;
    return 0;
}
