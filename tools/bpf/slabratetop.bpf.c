// slabratetop: kernel slab allocations by cache, counted and summed. kmem:kmem_cache_alloc
// names the cache; kmem:kmalloc does not, but the object size it reports (bytes_alloc) is the
// size of its kmalloc cache, so those are counted as "kmalloc-<size>" (kmalloc's cgroup, dma
// and reclaimable caches of one size together; beyond the largest cache, kmalloc takes whole
// pages: "kmalloc-large").
//
// Defines: FILTER_PID, KMALLOC_MAX_CACHE (the largest kmalloc cache's size).
#include <linux/sched.h>

#define CACHE_NAME_LEN 32

struct key {
  char name[CACHE_NAME_LEN];
  u64 kmalloc_size;  // 0: a named cache; else a kmalloc cache of this size (1: large)
};

struct counts {
  u64 count;
  u64 size;
};

BPF_HASH(stats, struct key, struct counts, 2048);

static __always_inline int wanted(void) {
#ifdef FILTER_PID
  if ((bpf_get_current_pid_tgid() >> 32) != FILTER_PID) return 0;
#endif
  return 1;
}

static __always_inline void account(struct key *key, u64 bytes) {
  struct counts zero = {};
  struct counts *c = stats.lookup_or_try_init(key, &zero);
  if (!c) return;
  __sync_fetch_and_add(&c->count, 1);
  __sync_fetch_and_add(&c->size, bytes);
}

TRACEPOINT_PROBE(kmem, kmem_cache_alloc) {
  if (!args->ptr || !wanted()) return 0;
  struct key key = {};
  TP_DATA_LOC_READ_STR(&key.name, name, sizeof(key.name));
  account(&key, args->bytes_alloc);
  return 0;
}

TRACEPOINT_PROBE(kmem, kmalloc) {
  if (!args->ptr || !wanted()) return 0;
  struct key key = {.kmalloc_size = args->bytes_alloc > KMALLOC_MAX_CACHE ? 1 : args->bytes_alloc};
  account(&key, args->bytes_alloc);
  return 0;
}
