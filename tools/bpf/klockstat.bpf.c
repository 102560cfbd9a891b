// klockstat: kernel mutex statistics by the stack that took the mutex: time to acquire it
// (aq_*) and, where the unlock can be seen, time it was held (hl_*), in nanoseconds.
//
// KPROBE_PATH (BCC's probes): kprobes on mutex_lock (entry and return: the time to acquire,
// contended or not) and mutex_unlock (the time held). Otherwise the lock:contention_begin/end
// tracepoints: only acquisitions that had to wait (spin or sleep) are seen, with the wait, and
// nothing tells when the mutex is released, so there are no hold times.
//
// Defines: KPROBE_PATH, FILTER_PID, FILTER_TID, STACK_STORAGE_SIZE; `enabled`[0] is set by the
// tool while it collects (cleared while it prints, as BCC's does).
#include <linux/sched.h>

#include "tools/filters.h"

#ifndef STACK_STORAGE_SIZE
#define STACK_STORAGE_SIZE 16384
#endif
#define LCB_F_MUTEX (1U << 5)  // lock:contention_begin's flags for a mutex (include/trace/events/lock.h)

struct stats {
  u64 count;
  u64 total;
  u64 max;
};

struct waiting {
  u64 lock;
  u64 ts;
  int stack_id;
};

// No padding: the key is compared byte for byte, so every byte must be set.
struct held_key {
  u64 lock;
  u32 tid;
  u32 zero;
};

struct held_since {
  u64 ts;
  int stack_id;
};

BPF_ARRAY(enabled, u32, 1);
BPF_STACK_TRACE(stack_traces, STACK_STORAGE_SIZE);
BPF_HASH(waits, u32, struct waiting, 10240);
BPF_HASH(aq_stats, int, struct stats, 10240);
#ifdef KPROBE_PATH
BPF_HASH(held, struct held_key, struct held_since, 10240);
BPF_HASH(hl_stats, int, struct stats, 10240);
#endif

static __always_inline int collecting(u64 pid_tgid) {
  int zero = 0;
  u32 *on = enabled.lookup(&zero);
  return on && *on && !filtered_out_task(pid_tgid);
}

// Adds one acquisition (or hold) of `ns` nanoseconds to the stats of stack_id in `table`.
#define ADD_STATS(table, stack_id, ns)                                          \
  do {                                                                          \
    int __key = (stack_id);                                                     \
    u64 __ns = (ns);                                                            \
    struct stats __zero = {};                                                   \
    struct stats *__s = table.lookup_or_try_init(&__key, &__zero);              \
    if (__s) {                                                                  \
      __sync_fetch_and_add(&__s->count, 1);                                     \
      __sync_fetch_and_add(&__s->total, __ns);                                  \
      if (__ns > __s->max) __s->max = __ns; /* racy: a lost maximum, as BCC's */ \
    }                                                                           \
  } while (0)

// A thread starts waiting for (or taking) `lock`: the first start is kept, so a mutex that
// spins and then sleeps is timed from its first attempt.
static __always_inline void start_wait(void *ctx, u64 lock) {
  u64 id = bpf_get_current_pid_tgid();
  if (!collecting(id)) return;
  u32 tid = id;
  struct waiting *w = waits.lookup(&tid);
  if (w && w->lock == lock) return;
  struct waiting fresh = {.lock = lock, .ts = bpf_ktime_get_ns()};
  fresh.stack_id = stack_traces.get_stackid(ctx, 0);
  waits.update(&tid, &fresh);
}

// The wait ends: the time goes to the stack that waited; returns the wait (or 0, none seen).
static __always_inline struct waiting *end_wait(u32 tid) {
  struct waiting *w = waits.lookup(&tid);
  if (!w) return 0;
  ADD_STATS(aq_stats, w->stack_id, bpf_ktime_get_ns() - w->ts);
  return w;
}

#ifdef KPROBE_PATH
int mutex_lock_enter(struct pt_regs *ctx, void *lock) {
  start_wait(ctx, (u64)lock);
  return 0;
}

int mutex_lock_return(struct pt_regs *ctx) {
  u32 tid = bpf_get_current_pid_tgid();
  struct waiting *w = end_wait(tid);
  if (!w) return 0;
  struct held_key key = {.lock = w->lock, .tid = tid, .zero = 0};
  struct held_since since = {.ts = bpf_ktime_get_ns(), .stack_id = w->stack_id};
  held.update(&key, &since);
  waits.delete(&tid);
  return 0;
}

int mutex_unlock_enter(struct pt_regs *ctx, void *lock) {
  struct held_key key = {.lock = (u64)lock, .tid = bpf_get_current_pid_tgid(), .zero = 0};
  struct held_since *since = held.lookup(&key);
  if (!since) return 0;
  ADD_STATS(hl_stats, since->stack_id, bpf_ktime_get_ns() - since->ts);
  held.delete(&key);
  return 0;
}
#else
TRACEPOINT_PROBE(lock, contention_begin) {
  if (args->flags & LCB_F_MUTEX) start_wait(args, (u64)args->lock_addr);
  return 0;
}

TRACEPOINT_PROBE(lock, contention_end) {
  u32 tid = bpf_get_current_pid_tgid();
  struct waiting *w = waits.lookup(&tid);
  if (!w || w->lock != (u64)args->lock_addr) return 0;  // another lock's (e.g. the wait_lock's) end
  end_wait(tid);
  waits.delete(&tid);
  return 0;
}
#endif
