// shmsnoop: System V shared memory calls (shmget, shmat, shmdt, shmctl) with their arguments
// and results, from the syscall tracepoints: arguments kept per thread at entry, sent with the
// return value at exit.
//
// Defines: FILTER_PID, FILTER_TID.
#include <linux/sched.h>

#include "tools/filters.h"

enum shm_call { SHMGET, SHMAT, SHMDT, SHMCTL };

struct call {
  u64 ts;
  u32 call;  // enum shm_call
  u64 args[3];
};

struct event {
  u64 ts;
  u64 pid_tgid;
  u32 call;
  u64 args[3];
  long ret;
  char comm[TASK_COMM_LEN];
};

BPF_HASH(calls, u32, struct call, 10240);
BPF_PERF_OUTPUT(events);

static __always_inline void enter(u32 which, u64 a, u64 b, u64 c) {
  u64 id = bpf_get_current_pid_tgid();
  if (filtered_out_task(id)) return;
  u32 tid = (u32)id;
  struct call call = {.ts = bpf_ktime_get_ns(), .call = which};
  call.args[0] = a;
  call.args[1] = b;
  call.args[2] = c;
  calls.update(&tid, &call);
}

static __always_inline void leave(void *ctx, long ret) {
  u64 id = bpf_get_current_pid_tgid();
  u32 tid = (u32)id;
  struct call *call = calls.lookup(&tid);
  if (!call) return;
  struct event ev = {.ts = call->ts, .pid_tgid = id, .call = call->call, .ret = ret};
  ev.args[0] = call->args[0];
  ev.args[1] = call->args[1];
  ev.args[2] = call->args[2];
  bpf_get_current_comm(&ev.comm, sizeof(ev.comm));
  events.perf_submit(ctx, &ev, sizeof(ev));
  calls.delete(&tid);
}

TRACEPOINT_PROBE(syscalls, sys_enter_shmget) {
  enter(SHMGET, (u32)args->key, args->size, (u32)args->shmflg);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_shmget) {
  leave(args, args->ret);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_enter_shmat) {
  enter(SHMAT, (u32)args->shmid, (u64)args->shmaddr, (u32)args->shmflg);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_shmat) {
  leave(args, args->ret);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_enter_shmdt) {
  enter(SHMDT, (u64)args->shmaddr, 0, 0);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_shmdt) {
  leave(args, args->ret);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_enter_shmctl) {
  enter(SHMCTL, (u32)args->shmid, (u32)args->cmd, (u64)args->buf);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_shmctl) {
  leave(args, args->ret);
  return 0;
}
