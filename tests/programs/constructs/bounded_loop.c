// A bounded loop the verifier checks (Linux 5.3+), not unrolled: sums a map value's array.
#include <uapi/linux/ptrace.h>

struct samples_t {
    u64 v[32];
};

BPF_ARRAY(samples, struct samples_t, 1);
BPF_ARRAY(sum, u64, 1);

TRACEPOINT_PROBE(sched, sched_process_exit) {
    int zero = 0;
    struct samples_t *s = samples.lookup(&zero);
    if (!s)
        return 0;
    u64 total = 0;
    for (int i = 0; i < 32; i++)
        total += s->v[i];
    sum.update(&zero, &total);
    return 0;
}
