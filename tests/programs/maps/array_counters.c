// BPF_ARRAY with a leaf type and size, indexed by CPU.
#include <uapi/linux/ptrace.h>

BPF_ARRAY(per_cpu_calls, u64, 256);

RAW_TRACEPOINT_PROBE(sys_enter) {
    int cpu = bpf_get_smp_processor_id();
    per_cpu_calls.increment(cpu);
    return 0;
}
