// syscount: count syscalls (and, with LATENCY, their time) per syscall or per process, from
// the raw_syscalls tracepoints.
//
// Defines: FILTER_PID, FILTER_TID, FILTER_PPID (children of), FILTER_SYSCALL, FAILED_ONLY,
// FILTER_ERRNO (only calls that failed with it), LATENCY, BY_PROCESS.
#include <linux/sched.h>

#include "tools/filters.h"

struct totals {
  u64 count;
  u64 total_ns;
};

BPF_HASH(start, u64, u64, 10240);
BPF_HASH(data, u32, struct totals, 10240);

static inline int wanted(void) {
  if (filtered_out_task(bpf_get_current_pid_tgid())) return 0;
#ifdef FILTER_PPID
  struct task_struct *task = (struct task_struct *)bpf_get_current_task();
  if (task->real_parent->tgid != FILTER_PPID) return 0;
#endif
  return 1;
}

TRACEPOINT_PROBE(raw_syscalls, sys_enter) {
#ifdef FILTER_SYSCALL
  if (args->id != FILTER_SYSCALL) return 0;
#endif
#ifdef LATENCY
  if (!wanted()) return 0;
  u64 id = bpf_get_current_pid_tgid();
  u64 now = bpf_ktime_get_ns();
  start.update(&id, &now);
#endif
  return 0;
}

TRACEPOINT_PROBE(raw_syscalls, sys_exit) {
  if (args->id < 0) return 0;  // not a syscall (e.g. a signal return path)
#ifdef FILTER_SYSCALL
  if (args->id != FILTER_SYSCALL) return 0;
#endif
  if (!wanted()) return 0;
#ifdef FAILED_ONLY
  if (args->ret >= 0) return 0;
#endif
#ifdef FILTER_ERRNO
  if (args->ret != -FILTER_ERRNO) return 0;
#endif
#ifdef BY_PROCESS
  u32 key = bpf_get_current_pid_tgid() >> 32;
#else
  u32 key = args->id;
#endif
  struct totals zero = {};
  struct totals *t = data.lookup_or_try_init(&key, &zero);
  if (!t) return 0;
  __sync_fetch_and_add(&t->count, 1);
#ifdef LATENCY
  u64 id = bpf_get_current_pid_tgid();
  u64 *ts = start.lookup(&id);
  if (ts) {
    __sync_fetch_and_add(&t->total_ns, bpf_ktime_get_ns() - *ts);
    start.delete(&id);
  }
#endif
  return 0;
}
