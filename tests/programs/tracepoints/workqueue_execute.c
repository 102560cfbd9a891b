// workqueue:workqueue_execute_start / end: latency per work function.
#include <uapi/linux/ptrace.h>

BPF_HASH(started, u64, u64);
BPF_HASH(runtime, u64, u64);

TRACEPOINT_PROBE(workqueue, workqueue_execute_start) {
    u64 work = (u64)args->work;
    u64 ts = bpf_ktime_get_ns();
    started.update(&work, &ts);
    return 0;
}

TRACEPOINT_PROBE(workqueue, workqueue_execute_end) {
    u64 work = (u64)args->work;
    u64 *ts = started.lookup(&work);
    if (!ts)
        return 0;
    u64 fn = (u64)args->function;
    u64 delta = bpf_ktime_get_ns() - *ts;
    u64 zero = 0, *sum = runtime.lookup_or_try_init(&fn, &zero);
    if (sum)
        __sync_fetch_and_add(sum, delta);
    started.delete(&work);
    return 0;
}
