// softirqs: time per softirq vector as a histogram keyed by vector and slot.
#include <uapi/linux/ptrace.h>

typedef struct entry_key {
    u32 pid;
    u32 cpu;
} entry_key_t;

typedef struct irq_key {
    u32 vec;
    u64 slot;
} irq_key_t;

BPF_HASH(start, entry_key_t, u64);
BPF_HISTOGRAM(dist, irq_key_t);

TRACEPOINT_PROBE(irq, softirq_entry) {
    entry_key_t key = {.pid = bpf_get_current_pid_tgid(), .cpu = bpf_get_smp_processor_id()};
    u64 ts = bpf_ktime_get_ns();
    start.update(&key, &ts);
    return 0;
}

TRACEPOINT_PROBE(irq, softirq_exit) {
    entry_key_t key = {.pid = bpf_get_current_pid_tgid(), .cpu = bpf_get_smp_processor_id()};
    u64 *tsp = start.lookup(&key);
    if (tsp == 0)
        return 0;
    u64 delta = (bpf_ktime_get_ns() - *tsp) / 1000;
    irq_key_t ikey = {.vec = args->vec, .slot = bpf_log2l(delta)};
    dist.atomic_increment(ikey);
    start.delete(&key);
    return 0;
}
