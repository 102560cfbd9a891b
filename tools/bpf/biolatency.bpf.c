// biolatency: block I/O latency as a log2 histogram, from block:block_rq_issue (or, with
// QUEUED, block_rq_insert) to block_rq_complete.
//
// Defines: QUEUED, MILLISECONDS, PER_DISK, PER_FLAGS, EXTENDED (count and total per key),
// FILTER_DEV.
#include <linux/sched.h>

struct rq_key {
  u64 sector;
  u32 dev;
  u32 pad;
};

struct totals {
  u64 count;
  u64 total;  // usecs or msecs
};

BPF_HASH(starts, struct rq_key, u64, 10240);
#if defined(PER_DISK) || defined(PER_FLAGS)
// BCC's sectioned histogram layout: (section, slot), section being the dev_t or the flags
// (bit 0 write, 1 sync, 2 metadata, 3 flush, 4 discard, 5 readahead).
struct hist_key {
  u64 section;
  u64 slot;
};
BPF_HISTOGRAM(dist, struct hist_key, 1024);
#else
BPF_HISTOGRAM(dist, u64, 64);
#endif
BPF_HASH(sums, u64, struct totals, 1024);  // per section (0 without sections)

static inline u32 flags_of(const char *rwbs) {
  u32 flags = 0;
  for (int i = 0; i < 8 && rwbs[i]; i++) {
    char c = rwbs[i];
    if (c == 'W') flags |= 1;
    if (c == 'S') flags |= 2;
    if (c == 'M') flags |= 4;
    if (c == 'F') flags |= 8;
    if (c == 'D') flags |= 16;
    if (c == 'A') flags |= 32;
  }
  return flags;
}

static inline int wanted(u32 dev) {
#ifdef FILTER_DEV
  return dev == FILTER_DEV;
#else
  return 1;
#endif
}

static inline int mark(u32 dev, u64 sector) {
  if (!wanted(dev)) return 0;
  struct rq_key key = {.sector = sector, .dev = dev};
  u64 now = bpf_ktime_get_ns();
  starts.update(&key, &now);
  return 0;
}

#ifdef QUEUED
TRACEPOINT_PROBE(block, block_rq_insert) { return mark(args->dev, args->sector); }
#endif

TRACEPOINT_PROBE(block, block_rq_issue) {
#ifdef QUEUED
  // Requests that bypass the queue have no insert: start them at issue.
  struct rq_key key = {.sector = args->sector, .dev = args->dev};
  if (starts.lookup(&key)) return 0;
#endif
  return mark(args->dev, args->sector);
}

TRACEPOINT_PROBE(block, block_rq_complete) {
  struct rq_key key = {.sector = args->sector, .dev = args->dev};
  u64 *start = starts.lookup(&key);
  if (!start) return 0;
  u64 delta = bpf_ktime_get_ns() - *start;
  starts.delete(&key);
#ifdef MILLISECONDS
  delta /= 1000000;
#else
  delta /= 1000;
#endif
  u64 section = 0;
#ifdef PER_DISK
  section = args->dev;
#endif
#ifdef PER_FLAGS
  // A copy first: the verifier refuses loads through a pointer into the context.
  char rwbs[8] = {};
  bpf_probe_read_kernel(rwbs, sizeof(rwbs), args->rwbs);
  section = flags_of(rwbs);
#endif
#ifdef EXTENDED
  struct totals zero = {};
  struct totals *t = sums.lookup_or_try_init(&section, &zero);
  if (t) {
    __sync_fetch_and_add(&t->count, 1);
    __sync_fetch_and_add(&t->total, delta);
  }
#endif
#if defined(PER_DISK) || defined(PER_FLAGS)
  struct hist_key hk = {.section = section, .slot = bpf_log2l(delta)};
  dist.increment(hk);
#else
  dist.increment(bpf_log2l(delta));
#endif
  (void)section;
  return 0;
}
