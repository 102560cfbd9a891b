// BPF_ARRAY_OF_MAPS: the inner table gives the inner maps' shape; lookup() returns the map.
#include <uapi/linux/ptrace.h>

BPF_ARRAY(ex1, u64, 16);
BPF_ARRAY(ex2, u64, 16);
BPF_ARRAY_OF_MAPS(maps_array, "ex1", 4);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    int outer = 0, inner = 1;
    void *m = maps_array.lookup(&outer);
    if (!m)
        return 0;
    u64 *v = bpf_map_lookup_elem(m, &inner);
    if (v)
        (*v)++;
    return 0;
}
