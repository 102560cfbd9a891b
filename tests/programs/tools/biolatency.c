// biolatency on the block tracepoints: a log2 histogram of I/O latency, optionally per disk.
// tk-cflags: -DPER_DISK -DUSE_MS=0
#include <uapi/linux/ptrace.h>

typedef struct disk_key {
    u32 dev;
    u64 slot;
} disk_key_t;

struct start_key {
    u32 dev;
    u64 sector;
};

BPF_HASH(start, struct start_key);
#ifdef PER_DISK
BPF_HISTOGRAM(dist, disk_key_t);
#else
BPF_HISTOGRAM(dist);
#endif

TRACEPOINT_PROBE(block, block_rq_issue) {
    struct start_key key = {.dev = args->dev, .sector = args->sector};
    u64 ts = bpf_ktime_get_ns();
    start.update(&key, &ts);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    struct start_key key = {.dev = args->dev, .sector = args->sector};
    u64 *tsp = start.lookup(&key);
    if (tsp == 0)
        return 0;
    u64 delta = bpf_ktime_get_ns() - *tsp;
    delta = USE_MS ? delta / 1000000 : delta / 1000;
#ifdef PER_DISK
    disk_key_t dkey = {.dev = args->dev, .slot = bpf_log2l(delta)};
    dist.increment(dkey);
#else
    dist.increment(bpf_log2l(delta));
#endif
    start.delete(&key);
    return 0;
}
