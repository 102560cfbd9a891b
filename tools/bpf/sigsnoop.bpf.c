// sigsnoop: every signal sent, with its sender and target. By default at signal:signal_generate,
// where every signal the kernel queues passes (kill(), tgkill(), the kernel's own SIGCHLD,
// SIGSEGV, SIGPIPE...), with the kernel's result: 0 delivered, 1 ignored, 2 already pending,
// 3 queue overflow, 4 delivered without its siginfo. With KILL_ONLY, the kill(), tkill() and
// tgkill() syscalls instead: their arguments at entry, sent with the return value at exit.
//
// Defines: FILTER_PID (the sender), FILTER_SIGNAL, FAILED_ONLY, KILL_ONLY.
#include <linux/sched.h>

struct event {
  u32 pid;   // sender
  int tpid;  // target
  int sig;
  int result;
  char comm[TASK_COMM_LEN];
};

BPF_PERF_OUTPUT(events);

static __always_inline int wanted(u64 pid_tgid, int sig) {
#ifdef FILTER_PID
  if ((pid_tgid >> 32) != FILTER_PID) return 0;
#endif
#ifdef FILTER_SIGNAL
  if (sig != FILTER_SIGNAL) return 0;
#endif
  return 1;
}

static __always_inline void submit(void *ctx, u64 pid_tgid, int tpid, int sig, int result) {
#ifdef FAILED_ONLY
  if (result == 0) return;
#endif
  struct event ev = {.pid = pid_tgid >> 32, .tpid = tpid, .sig = sig, .result = result};
  bpf_get_current_comm(&ev.comm, sizeof(ev.comm));
  events.perf_submit(ctx, &ev, sizeof(ev));
}

#ifndef KILL_ONLY
TRACEPOINT_PROBE(signal, signal_generate) {
  u64 id = bpf_get_current_pid_tgid();
  if (!wanted(id, args->sig)) return 0;
  submit(args, id, args->pid, args->sig, args->result);
  return 0;
}
#else
struct sent {
  int tpid;
  int sig;
};

BPF_HASH(sending, u32, struct sent, 10240);

static __always_inline void enter(int tpid, int sig) {
  u64 id = bpf_get_current_pid_tgid();
  if (!wanted(id, sig)) return;
  u32 tid = (u32)id;
  struct sent s = {.tpid = tpid, .sig = sig};
  sending.update(&tid, &s);
}

static __always_inline void leave(void *ctx, long ret) {
  u64 id = bpf_get_current_pid_tgid();
  u32 tid = (u32)id;
  struct sent *s = sending.lookup(&tid);
  if (!s) return;
  submit(ctx, id, s->tpid, s->sig, ret);
  sending.delete(&tid);
}

TRACEPOINT_PROBE(syscalls, sys_enter_kill) {
  enter(args->pid, args->sig);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_kill) {
  leave(args, args->ret);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_enter_tkill) {
  enter(args->pid, args->sig);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_tkill) {
  leave(args, args->ret);
  return 0;
}

// tgkill(tgid, tid, sig): the target shown is the thread.
TRACEPOINT_PROBE(syscalls, sys_enter_tgkill) {
  enter(args->pid, args->sig);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_tgkill) {
  leave(args, args->ret);
  return 0;
}
#endif
