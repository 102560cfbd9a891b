// offcputime: time tasks spend blocked (off CPU), summed by stack. At sched_switch the task
// leaving the CPU is current: its stacks and the time are kept per thread; when that thread is
// switched back in, the time off CPU is added to its stacks' total.
//
// Defines: FILTER_PID, FILTER_TID, USER_THREADS_ONLY, KERNEL_THREADS_ONLY, USER_STACKS,
// KERNEL_STACKS, MIN_BLOCK_US, MAX_BLOCK_US, FILTER_STATE (prev task state), STACK_STORAGE_SIZE.
#include <linux/sched.h>

#include "tools/stacks.h"

struct blocked {
  u64 ts;
  struct stack_key key;
};

BPF_HASH(blocked_at, u32, struct blocked, 10240);
BPF_HASH(counts, struct stack_key, u64, 40960);

static inline int wanted(struct task_struct *task) {
  u32 tid = task->pid;
  if (tid == 0) return 0;
#ifdef FILTER_PID
  if (task->tgid != FILTER_PID) return 0;
#endif
#ifdef FILTER_TID
  if (tid != FILTER_TID) return 0;
#endif
#ifdef USER_THREADS_ONLY
  if (task->flags & PF_KTHREAD) return 0;
#endif
#ifdef KERNEL_THREADS_ONLY
  if (!(task->flags & PF_KTHREAD)) return 0;
#endif
  return 1;
}

RAW_TRACEPOINT_PROBE(sched_switch) {
  struct task_struct *prev = (struct task_struct *)ctx->args[1];
  struct task_struct *next = (struct task_struct *)ctx->args[2];
  u64 now = bpf_ktime_get_ns();

  // prev (still current) goes off CPU: remember when and where.
  int state_ok = 1;
#ifdef FILTER_STATE
  state_ok = prev->__state == FILTER_STATE;
#endif
  if (state_ok && wanted(prev)) {
    struct blocked b = {.ts = now};
    b.key.pid = prev->tgid;
    b.key.tid = prev->pid;
    collect_stacks(&b.key, ctx);
    bpf_probe_read_kernel_str(&b.key.name, sizeof(b.key.name), prev->comm);
    u32 tid = b.key.tid;
    blocked_at.update(&tid, &b);
  }

  // next comes back on CPU: account the time it was off.
  u32 next_tid = next->pid;
  struct blocked *b = blocked_at.lookup(&next_tid);
  if (!b) return 0;
  u64 delta_us = (now - b->ts) / 1000;
  struct stack_key key = b->key;
  blocked_at.delete(&next_tid);
#ifdef MIN_BLOCK_US
  if (delta_us < MIN_BLOCK_US) return 0;
#endif
#ifdef MAX_BLOCK_US
  if (delta_us > MAX_BLOCK_US) return 0;
#endif
  u64 zero = 0;
  u64 *total = counts.lookup_or_try_init(&key, &zero);
  if (total) __sync_fetch_and_add(total, delta_us);
  return 0;
}
