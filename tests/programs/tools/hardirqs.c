// hardirqs: total time per hard interrupt handler, by name.
#include <uapi/linux/ptrace.h>

typedef struct irq_key {
    char name[32];
} irq_key_t;

typedef struct irq_name {
    char name[32];
} irq_name_t;

BPF_PERCPU_ARRAY(start, u64, 1);
BPF_PERCPU_ARRAY(irqnames, irq_name_t, 1);
BPF_HASH(dist, irq_key_t);

TRACEPOINT_PROBE(irq, irq_handler_entry) {
    int zero = 0;
    u64 ts = bpf_ktime_get_ns();
    irq_name_t name = {};
    TP_DATA_LOC_READ_STR(&name.name, name, sizeof(name.name));
    irqnames.update(&zero, &name);
    start.update(&zero, &ts);
    return 0;
}

TRACEPOINT_PROBE(irq, irq_handler_exit) {
    int zero = 0;
    u64 *tsp = start.lookup(&zero);
    irq_name_t *namep = irqnames.lookup(&zero);
    if (tsp == 0 || namep == 0 || *tsp == 0)
        return 0;
    u64 delta = bpf_ktime_get_ns() - *tsp;
    irq_key_t key = {};
    bpf_probe_read_kernel(&key.name, sizeof(key.name), namep->name);
    dist.increment(key, delta / 1000);
    return 0;
}
