// capable: security capability checks (cap_capable()), with the task, the capability and,
// where the probe sees them, the check's audit and setid options.
//
// KPROBE_PATH (BCC's probe): a kprobe on cap_capable(cred, ns, cap, opts), whose opts say
// whether the check is audited (CAP_OPT_NOAUDIT clear) and made for a setid change
// (CAP_OPT_INSETID); non-audited checks are skipped unless INCLUDE_NOAUDIT. Otherwise the
// capability:cap_capable tracepoint of newer kernels (6.18 has it, 6.1 not), read raw, which fires in
// cap_capable() too, with the capability and the verdict but not opts: every check is sent,
// audit and insetid unknown (-1).
//
// Defines: KPROBE_PATH, INCLUDE_NOAUDIT, FILTER_PID, KERNEL_STACKS, USER_STACKS, UNIQUE;
// own_pid[0] is the tool's own pid (its checks are not shown).
#include <linux/sched.h>

#define CAP_OPT_NOAUDIT (1 << 1)
#define CAP_OPT_INSETID (1 << 2)

struct event {
  u32 pid;
  u32 tid;
  u32 uid;
  int cap;
  int audit;    // 1, 0, or -1: unknown
  int insetid;  // 1, 0, or -1: unknown
  int ret;      // the verdict (0 allowed, -EPERM...): tracepoint only, else 1
  int kernel_stack_id;
  int user_stack_id;
  char comm[TASK_COMM_LEN];
};

// --unique: a (process, stacks) pair already shown.
struct seen_key {
  u32 pid;
  int kernel_stack_id;
  int user_stack_id;
};

BPF_ARRAY(own_pid, u32, 1);
BPF_PERF_OUTPUT(events);
#if defined(KERNEL_STACKS) || defined(USER_STACKS)
BPF_STACK_TRACE(stacks, 2048);
#endif
#ifdef UNIQUE
BPF_HASH(seen, struct seen_key, u8, 10240);
#endif

static __always_inline int check(void *ctx, int cap, int audit, int insetid, int ret) {
  u64 id = bpf_get_current_pid_tgid();
  u32 pid = id >> 32;
#ifdef FILTER_PID
  if (pid != FILTER_PID) return 0;
#endif
  int zero = 0;
  u32 *self = own_pid.lookup(&zero);
  if (self && *self == pid) return 0;
  struct event ev = {.pid = pid, .tid = (u32)id, .uid = (u32)bpf_get_current_uid_gid(), .cap = cap,
                     .audit = audit, .insetid = insetid, .ret = ret, .kernel_stack_id = -1, .user_stack_id = -1};
#ifdef KERNEL_STACKS
  ev.kernel_stack_id = stacks.get_stackid(ctx, 0);
#endif
#ifdef USER_STACKS
  ev.user_stack_id = stacks.get_stackid(ctx, BPF_F_USER_STACK);
#endif
#ifdef UNIQUE
  struct seen_key key = {.pid = pid, .kernel_stack_id = ev.kernel_stack_id, .user_stack_id = ev.user_stack_id};
  u8 one = 1;
  if (seen.lookup(&key)) return 0;
  seen.update(&key, &one);
#endif
  bpf_get_current_comm(&ev.comm, sizeof(ev.comm));
  events.perf_submit(ctx, &ev, sizeof(ev));
  return 0;
}

#ifdef KPROBE_PATH
int trace_cap_capable(struct pt_regs *ctx, const struct cred *cred, struct user_namespace *targ_ns, int cap,
                      unsigned int opts) {
  int audit = (opts & CAP_OPT_NOAUDIT) == 0;
#ifndef INCLUDE_NOAUDIT
  if (!audit) return 0;
#endif
  return check(ctx, cap, audit, (opts & CAP_OPT_INSETID) != 0, 1);
}
#else
// The raw tracepoint: cap_capable(cred, target_ns, capable_ns, cap, ret). (Raw, so that the
// program also compiles on kernels without this tracepoint, where the kprobe is used.)
RAW_TRACEPOINT_PROBE(cap_capable) {
  return check(ctx, (int)ctx->args[3], -1, -1, (int)ctx->args[4]);
}
#endif
