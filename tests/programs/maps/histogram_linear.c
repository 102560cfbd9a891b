// A linear histogram with its own key type and size (BPF_HISTOGRAM(name, key, size)).
#include <uapi/linux/ptrace.h>

BPF_HISTOGRAM(by_cpu, u32, 256);

TRACEPOINT_PROBE(sched, sched_switch) {
    u32 cpu = bpf_get_smp_processor_id();
    by_cpu.increment(cpu);
    return 0;
}
