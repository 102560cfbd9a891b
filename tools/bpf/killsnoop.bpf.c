// killsnoop: kill() calls with their target and result. The arguments are kept per thread at
// entry and sent with the result at exit.
//
// Defines: FILTER_PID (the sender), FILTER_SIGNAL, FAILED_ONLY.
#include <linux/sched.h>

struct entry {
  int target;
  int sig;
};

struct event {
  u32 pid;
  int target;
  int sig;
  int ret;
  char comm[TASK_COMM_LEN];
};

BPF_HASH(entries, u32, struct entry, 10240);
BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(syscalls, sys_enter_kill) {
  u64 id = bpf_get_current_pid_tgid();
#ifdef FILTER_PID
  if ((id >> 32) != FILTER_PID) return 0;
#endif
#ifdef FILTER_SIGNAL
  if (args->sig != FILTER_SIGNAL) return 0;
#endif
  u32 tid = (u32)id;
  struct entry e = {.target = args->pid, .sig = args->sig};
  entries.update(&tid, &e);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_kill) {
  u64 id = bpf_get_current_pid_tgid();
  u32 tid = (u32)id;
  struct entry *e = entries.lookup(&tid);
  if (!e) return 0;
  int ret = args->ret;
#ifdef FAILED_ONLY
  if (ret >= 0) {
    entries.delete(&tid);
    return 0;
  }
#endif
  struct event ev = {.pid = id >> 32, .target = e->target, .sig = e->sig, .ret = ret};
  bpf_get_current_comm(&ev.comm, sizeof(ev.comm));
  events.perf_submit(args, &ev, sizeof(ev));
  entries.delete(&tid);
  return 0;
}
