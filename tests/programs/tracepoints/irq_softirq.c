// irq:softirq_entry / softirq_exit: time per softirq vector.
#include <uapi/linux/ptrace.h>

BPF_PERCPU_ARRAY(entered, u64, 1);
BPF_ARRAY(total_ns, u64, 16);

TRACEPOINT_PROBE(irq, softirq_entry) {
    int zero = 0;
    u64 ts = bpf_ktime_get_ns();
    entered.update(&zero, &ts);
    return 0;
}

TRACEPOINT_PROBE(irq, softirq_exit) {
    int zero = 0;
    u64 *ts = entered.lookup(&zero);
    if (!ts || *ts == 0)
        return 0;
    int vec = args->vec;
    u64 *t = total_ns.lookup(&vec);
    if (t)
        __sync_fetch_and_add(t, bpf_ktime_get_ns() - *ts);
    return 0;
}
