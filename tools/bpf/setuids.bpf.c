// setuids: the setuid() family of syscalls (privilege changes): setuid, setreuid, setresuid
// and setfsuid, each with the caller's uid, the uids asked for and the result. The arguments
// are kept per thread at entry and sent with the return value at exit.
//
// Defines: FILTER_PID.
#include <linux/sched.h>

#include "tools/filters.h"

enum setuid_call { CALL_SETUID, CALL_SETREUID, CALL_SETRESUID, CALL_SETFSUID };

struct call {
  u32 uid;     // the caller's real uid at entry
  u32 call;    // enum setuid_call
  int ids[3];  // the uids asked for, as the call takes them (-1: leave unchanged)
};

struct event {
  u32 pid;
  u32 uid;
  u32 call;
  int ids[3];
  int ret;  // 0 or -errno; setfsuid: the previous fsuid
  char comm[TASK_COMM_LEN];
};

BPF_HASH(calls, u32, struct call, 10240);
BPF_PERF_OUTPUT(events);

static __always_inline void enter(u32 which, int a, int b, int c) {
  u64 id = bpf_get_current_pid_tgid();
  if (filtered_out_task(id)) return;
  u32 tid = (u32)id;
  struct call call = {.uid = (u32)bpf_get_current_uid_gid(), .call = which};
  call.ids[0] = a;
  call.ids[1] = b;
  call.ids[2] = c;
  calls.update(&tid, &call);
}

static __always_inline void leave(void *ctx, long ret) {
  u64 id = bpf_get_current_pid_tgid();
  u32 tid = (u32)id;
  struct call *call = calls.lookup(&tid);
  if (!call) return;
  struct event ev = {.pid = id >> 32, .uid = call->uid, .call = call->call, .ret = ret};
  ev.ids[0] = call->ids[0];
  ev.ids[1] = call->ids[1];
  ev.ids[2] = call->ids[2];
  bpf_get_current_comm(&ev.comm, sizeof(ev.comm));
  events.perf_submit(ctx, &ev, sizeof(ev));
  calls.delete(&tid);
}

TRACEPOINT_PROBE(syscalls, sys_enter_setuid) {
  enter(CALL_SETUID, args->uid, 0, 0);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_setuid) {
  leave(args, args->ret);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_enter_setreuid) {
  enter(CALL_SETREUID, args->ruid, args->euid, 0);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_setreuid) {
  leave(args, args->ret);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_enter_setresuid) {
  enter(CALL_SETRESUID, args->ruid, args->euid, args->suid);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_setresuid) {
  leave(args, args->ret);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_enter_setfsuid) {
  enter(CALL_SETFSUID, args->uid, 0, 0);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_setfsuid) {
  leave(args, args->ret);
  return 0;
}
