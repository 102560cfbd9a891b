// The deprecated lookup_or_init() still works and returns NULL when the map is full.
#include <uapi/linux/ptrace.h>

struct stats_t {
    u64 count;
    u64 bytes;
};

BPF_HASH(stats, u32, struct stats_t, 256);

TRACEPOINT_PROBE(syscalls, sys_enter_write) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    struct stats_t zero = {};
    struct stats_t *s = stats.lookup_or_init(&pid, &zero);
    if (!s)
        return 0;
    s->count++;
    s->bytes += args->count;
    return 0;
}
