// perf_counter_value(): counter value with enabled and running times.
#include <uapi/linux/ptrace.h>

BPF_PERF_ARRAY(instructions, 64);
BPF_HASH(readings, u32, struct bpf_perf_event_value);

int on_event(struct pt_regs *ctx) {
    struct bpf_perf_event_value v = {};
    if (instructions.perf_counter_value(CUR_CPU_IDENTIFIER, &v, sizeof(v)) != 0)
        return 0;
    u32 cpu = bpf_get_smp_processor_id();
    readings.update(&cpu, &v);
    return 0;
}
