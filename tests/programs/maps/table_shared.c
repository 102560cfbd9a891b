// BPF_TABLE_SHARED: like PUBLIC, shared with other objects of this process.
#include <uapi/linux/ptrace.h>

BPF_TABLE_SHARED("array", int, u64, shared_slots, 16);

TRACEPOINT_PROBE(sched, sched_process_exit) {
    int slot = bpf_get_smp_processor_id() & 15;
    shared_slots.increment(slot);
    return 0;
}
