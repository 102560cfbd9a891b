// timer:hrtimer_start: expiry distance per timer function.
#include <uapi/linux/ptrace.h>

BPF_HASH(starts, u64);

TRACEPOINT_PROBE(timer, hrtimer_start) {
    u64 fn = (u64)args->function;
    starts.increment(fn);
    return 0;
}
