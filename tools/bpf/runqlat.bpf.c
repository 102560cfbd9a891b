// runqlat: scheduler run queue latency, the time a task waits runnable before it runs, as a
// log2 histogram. Raw tracepoints give the task structs: wakeups (and preempted tasks, still
// runnable at sched_switch) start the clock, switching in stops it.
//
// Defines: MILLISECONDS, PER_PROCESS, PER_THREAD, PER_PIDNS, FILTER_PID (a process).
#include <linux/sched.h>
#include <linux/nsproxy.h>
#include <linux/pid_namespace.h>

BPF_HASH(start, u32, u64, 10240);
#if defined(PER_PROCESS) || defined(PER_THREAD) || defined(PER_PIDNS)
struct hist_key {
  u64 section;  // pid, tid or pid namespace inode number
  u64 slot;
};
BPF_HISTOGRAM(dist, struct hist_key, 4096);
#else
BPF_HISTOGRAM(dist, u64, 64);
#endif

static inline int enqueue(struct task_struct *task) {
  u32 tid = task->pid;
  if (tid == 0) return 0;  // the idle task
#ifdef FILTER_PID
  if (task->tgid != FILTER_PID) return 0;
#endif
  u64 now = bpf_ktime_get_ns();
  start.update(&tid, &now);
  return 0;
}

RAW_TRACEPOINT_PROBE(sched_wakeup) { return enqueue((struct task_struct *)ctx->args[0]); }
RAW_TRACEPOINT_PROBE(sched_wakeup_new) { return enqueue((struct task_struct *)ctx->args[0]); }

RAW_TRACEPOINT_PROBE(sched_switch) {
  // args: (bool preempt, struct task_struct *prev, struct task_struct *next, ...)
  struct task_struct *prev = (struct task_struct *)ctx->args[1];
  struct task_struct *next = (struct task_struct *)ctx->args[2];
  if (prev->__state == TASK_RUNNING) enqueue(prev);  // preempted: waits again

  u32 tid = next->pid;
  u64 *ts = start.lookup(&tid);
  if (!ts) return 0;
  u64 delta = bpf_ktime_get_ns() - *ts;
  start.delete(&tid);
#ifdef MILLISECONDS
  delta /= 1000000;
#else
  delta /= 1000;
#endif
#if defined(PER_PROCESS)
  struct hist_key key = {.section = next->tgid, .slot = bpf_log2l(delta)};
#elif defined(PER_THREAD)
  struct hist_key key = {.section = tid, .slot = bpf_log2l(delta)};
#elif defined(PER_PIDNS)
  struct hist_key key = {.section = next->nsproxy->pid_ns_for_children->ns.inum, .slot = bpf_log2l(delta)};
#endif
#if defined(PER_PROCESS) || defined(PER_THREAD) || defined(PER_PIDNS)
  dist.increment(key);
#else
  dist.increment(bpf_log2l(delta));
#endif
  return 0;
}
