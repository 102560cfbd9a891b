// exitsnoop: process (or, with PER_THREAD, thread) exits, from sched:sched_process_exit, with
// the exit code and the age of the task.
//
// Defines: FILTER_PID (a process), FAILED_ONLY (non-zero exit code), PER_THREAD.
#include <linux/sched.h>

struct event {
  u64 start_time;  // ns since boot, when the task started
  u64 exit_time;   // ns since boot (bpf_ktime_get_ns)
  u32 pid;
  u32 tid;
  u32 ppid;
  int exit_code;   // (status << 8) | (core dumped << 7) | signal
  char comm[TASK_COMM_LEN];
};

BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(sched, sched_process_exit) {
  struct task_struct *task = (struct task_struct *)bpf_get_current_task();
  u64 id = bpf_get_current_pid_tgid();
  u32 pid = id >> 32, tid = (u32)id;
#ifndef PER_THREAD
  if (pid != tid) return 0;  // a thread of a process that goes on
#endif
#ifdef FILTER_PID
  if (pid != FILTER_PID) return 0;
#endif
  int exit_code = task->exit_code;
#ifdef FAILED_ONLY
  if (exit_code == 0) return 0;
#endif
  struct event e = {};
  e.start_time = task->start_time;
  e.exit_time = bpf_ktime_get_ns();
  e.pid = pid;
  e.tid = tid;
  e.ppid = task->real_parent->tgid;
  e.exit_code = exit_code;
  bpf_get_current_comm(&e.comm, sizeof(e.comm));
  events.perf_submit(args, &e, sizeof(e));
  return 0;
}
