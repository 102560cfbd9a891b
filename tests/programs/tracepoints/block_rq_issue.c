// block:block_rq_issue / block_rq_complete: I/O latency keyed by device and sector.
#include <uapi/linux/ptrace.h>

struct rq_key_t {
    u32 dev;
    u64 sector;
};

BPF_HASH(issued, struct rq_key_t, u64);
BPF_HISTOGRAM(latency_us);

TRACEPOINT_PROBE(block, block_rq_issue) {
    struct rq_key_t key = {.dev = args->dev, .sector = args->sector};
    u64 ts = bpf_ktime_get_ns();
    issued.update(&key, &ts);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    struct rq_key_t key = {.dev = args->dev, .sector = args->sector};
    u64 *tsp = issued.lookup(&key);
    if (!tsp)
        return 0;
    latency_us.increment(bpf_log2l((bpf_ktime_get_ns() - *tsp) / 1000));
    issued.delete(&key);
    return 0;
}
