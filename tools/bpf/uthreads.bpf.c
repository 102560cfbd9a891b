// uthreads: threads a process starts: every pthread_create() (a uprobe keeps the start
// routine; the sched_process_fork tracepoint the creating thread then hits gives the new
// thread's id, as glibc here has no pthread_start USDT probe), and with JAVA the JVM's
// thread__start/thread__stop USDT probes with the Java thread's name and ids.
//
// The uprobes are attached to the traced process only, so the program needs no pid filter
// (and one compiled program serves every pid). Defines: JAVA, and for it the argument slots
// (tools/usdt_args.h): NAME_ARG, NAME_LEN_ARG, RUNTIME_ID_ARG, NATIVE_ID_ARG.
#include <linux/sched.h>
#include "tools/usdt_args.h"

struct thread_event {
  u64 ts;
  u64 runtime_id;  // pthread: the start routine's address; Java: the Java thread id
  u64 native_id;   // the thread id
  u32 kind;        // 0 pthread, 1 Java start, 2 Java stop
  char name[80];
};

BPF_PERF_OUTPUT(threads);
BPF_HASH(creating, u32, u64, 10240);  // creating thread -> start routine

int pthread_create_entry(struct pt_regs *ctx) {
  u32 tid = (u32)bpf_get_current_pid_tgid();
  u64 routine = PT_REGS_PARM3(ctx);
  creating.update(&tid, &routine);
  return 0;
}

int pthread_create_return(struct pt_regs *ctx) {
  u32 tid = (u32)bpf_get_current_pid_tgid();
  creating.delete(&tid);
  return 0;
}

TRACEPOINT_PROBE(sched, sched_process_fork) {
  u32 tid = (u32)bpf_get_current_pid_tgid();
  u64 *routine = creating.lookup(&tid);
  if (!routine) return 0;
  struct thread_event e = {.ts = bpf_ktime_get_ns(), .runtime_id = *routine,
                           .native_id = (u32)args->child_pid, .kind = 0};
  threads.perf_submit(args, &e, sizeof(e));
  return 0;
}

#ifdef JAVA
#define JAVA_THREAD_PROGRAM(fn, KIND)                           \
  int fn(struct pt_regs *ctx) {                                   \
    struct thread_event e = {.ts = bpf_ktime_get_ns(), .kind = KIND}; \
    READ_STR(NAME_ARG, NAME_LEN_ARG, ctx, e.name);                \
    READ_ARG(RUNTIME_ID_ARG, ctx, &e.runtime_id);                 \
    READ_ARG(NATIVE_ID_ARG, ctx, &e.native_id);                   \
    threads.perf_submit(ctx, &e, sizeof(e));                      \
    return 0;                                                     \
  }
JAVA_THREAD_PROGRAM(java_thread_start, 1)
JAVA_THREAD_PROGRAM(java_thread_stop, 2)
#endif
