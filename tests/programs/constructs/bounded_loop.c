// A bounded loop the verifier checks (Linux 5.3+), not unrolled.
#include <uapi/linux/ptrace.h>

BPF_ARRAY(values, u64, 32);
BPF_ARRAY(sum, u64, 1);

TRACEPOINT_PROBE(sched, sched_process_exit) {
    u64 total = 0;
    for (int i = 0; i < 32; i++) {
        u64 *v = values.lookup(&i);
        if (v)
            total += *v;
    }
    int zero = 0;
    sum.update(&zero, &total);
    return 0;
}
