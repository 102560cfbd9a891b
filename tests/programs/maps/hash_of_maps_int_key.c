// BPF_HASH_OF_MAPS in its three-argument form (int keys).
#include <uapi/linux/ptrace.h>

BPF_ARRAY(template_counts, u64, 8);
BPF_HASH_OF_MAPS(by_cpu, "template_counts", 64);

TRACEPOINT_PROBE(sched, sched_switch) {
    int cpu = bpf_get_smp_processor_id();
    void *inner = by_cpu.lookup(&cpu);
    if (!inner)
        return 0;
    int slot = 0;
    u64 *v = bpf_map_lookup_elem(inner, &slot);
    if (v)
        (*v)++;
    return 0;
}
