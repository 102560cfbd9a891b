// ucalls: method calls of a language runtime, from its USDT entry/return probes (counted, or
// timed from entry to return with LATENCY), and with SYSCALLS the process's system calls.
//
// Defines: CLAZZ_ARG, CLAZZ_LEN_ARG, METHOD_ARG, METHOD_LEN_ARG (argument slots, see
// tools/usdt_args.h; not defined with -l none), LATENCY, SYSCALLS. The process whose syscalls
// count is data (`target_pid`, set by the tool), so one compiled program serves every pid.
#include "tools/usdt_args.h"

#define NAME_LEN 80

struct method_key {
  char clazz[NAME_LEN];
  char method[NAME_LEN];
};

struct totals {
  u64 calls;
  u64 total_ns;
};

#ifdef METHOD_ARG
BPF_HASH(methods, struct method_key, struct totals, 65536);

#define READ_METHOD(ctx, key)                                      \
  do {                                                             \
    READ_STR(CLAZZ_ARG, CLAZZ_LEN_ARG, ctx, (key)->clazz);         \
    READ_STR(METHOD_ARG, METHOD_LEN_ARG, ctx, (key)->method);      \
  } while (0)

#ifdef LATENCY
// The entry time of a call on a thread, by thread and method: a recursive call's inner entry
// overwrites the outer one, as in BCC's ucalls.
struct entry_key {
  u64 pid_tgid;
  struct method_key method;
};
BPF_HASH(entries, struct entry_key, u64, 65536);
#endif

int trace_entry(struct pt_regs *ctx) {
#ifdef LATENCY
  struct entry_key key = {.pid_tgid = bpf_get_current_pid_tgid()};
  READ_METHOD(ctx, &key.method);
  u64 now = bpf_ktime_get_ns();
  entries.update(&key, &now);
#else
  struct method_key key = {};
  READ_METHOD(ctx, &key);
  struct totals zero = {};
  struct totals *t = methods.lookup_or_try_init(&key, &zero);
  if (t) __sync_fetch_and_add(&t->calls, 1);
#endif
  return 0;
}

#ifdef LATENCY
int trace_return(struct pt_regs *ctx) {
  struct entry_key key = {.pid_tgid = bpf_get_current_pid_tgid()};
  READ_METHOD(ctx, &key.method);
  u64 *start = entries.lookup(&key);
  if (!start) return 0;  // entered before tracing began
  u64 elapsed = bpf_ktime_get_ns() - *start;
  entries.delete(&key);
  struct totals zero = {};
  struct totals *t = methods.lookup_or_try_init(&key.method, &zero);
  if (t) {
    __sync_fetch_and_add(&t->calls, 1);
    __sync_fetch_and_add(&t->total_ns, elapsed);
  }
  return 0;
}
#endif
#endif  // METHOD_ARG

#ifdef SYSCALLS
BPF_HASH(syscalls, u64, struct totals, 1024);
BPF_ARRAY(target_pid, u32, 1);

static __always_inline int other_process(u64 pid_tgid) {
  u32 zero = 0;
  u32 *pid = target_pid.lookup(&zero);
  return !pid || (pid_tgid >> 32) != *pid;
}

#ifdef LATENCY
struct syscall_entry {
  u64 start_ns;
  u64 id;
};
BPF_HASH(syscall_entries, u32, struct syscall_entry, 65536);
#endif

TRACEPOINT_PROBE(raw_syscalls, sys_enter) {
  u64 pid_tgid = bpf_get_current_pid_tgid();
  if (other_process(pid_tgid)) return 0;
  u64 id = args->id;
#ifdef LATENCY
  u32 tid = (u32)pid_tgid;
  struct syscall_entry e = {.start_ns = bpf_ktime_get_ns(), .id = id};
  syscall_entries.update(&tid, &e);
#else
  struct totals zero = {};
  struct totals *t = syscalls.lookup_or_try_init(&id, &zero);
  if (t) __sync_fetch_and_add(&t->calls, 1);
#endif
  return 0;
}

#ifdef LATENCY
TRACEPOINT_PROBE(raw_syscalls, sys_exit) {
  u64 pid_tgid = bpf_get_current_pid_tgid();
  if (other_process(pid_tgid)) return 0;
  u32 tid = (u32)pid_tgid;
  struct syscall_entry *e = syscall_entries.lookup(&tid);
  if (!e) return 0;
  u64 id = e->id, elapsed = bpf_ktime_get_ns() - e->start_ns;
  syscall_entries.delete(&tid);
  struct totals zero = {};
  struct totals *t = syscalls.lookup_or_try_init(&id, &zero);
  if (t) {
    __sync_fetch_and_add(&t->calls, 1);
    __sync_fetch_and_add(&t->total_ns, elapsed);
  }
  return 0;
}
#endif
#endif  // SYSCALLS
