// BPF_HASH_OF_MAPS with a struct key (name, key type, inner table, size).
#include <uapi/linux/ptrace.h>

struct custom_key {
    u32 tenant;
    u32 kind;
};

BPF_HASH(per_tenant, u32, u64, 128);
BPF_HASH_OF_MAPS(tenants, struct custom_key, "per_tenant", 16);

TRACEPOINT_PROBE(sched, sched_process_fork) {
    struct custom_key key = {.tenant = 1, .kind = 0};
    void *inner = tenants.lookup(&key);
    if (!inner)
        return 0;
    u32 pid = args->parent_pid;
    u64 one = 1;
    bpf_map_update_elem(inner, &pid, &one, BPF_ANY);
    return 0;
}
