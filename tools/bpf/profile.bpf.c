// profile: sample stacks at a timed interval (a perf event on every CPU) and count them.
//
// Defines: FILTER_PID, FILTER_TID, USER_STACKS, KERNEL_STACKS (one or both), INCLUDE_IDLE,
// STACK_STORAGE_SIZE.
#include <uapi/linux/ptrace.h>
#include <uapi/linux/bpf_perf_event.h>
#include <linux/sched.h>

#ifndef STACK_STORAGE_SIZE
#define STACK_STORAGE_SIZE 16384
#endif

struct key_t {
  u32 pid;
  u32 tid;
  int user_stack_id;
  int kernel_stack_id;
  char name[TASK_COMM_LEN];
};

BPF_HASH(counts, struct key_t, u64, 40960);
BPF_STACK_TRACE(stack_traces, STACK_STORAGE_SIZE);

int do_perf_event(struct bpf_perf_event_data *ctx) {
  u64 id = bpf_get_current_pid_tgid();
  u32 pid = id >> 32, tid = (u32)id;
#ifndef INCLUDE_IDLE
  if (pid == 0) return 0;
#endif
#ifdef FILTER_PID
  if (pid != FILTER_PID) return 0;
#endif
#ifdef FILTER_TID
  if (tid != FILTER_TID) return 0;
#endif
  struct key_t key = {.pid = pid, .tid = tid, .user_stack_id = -1, .kernel_stack_id = -1};
  bpf_get_current_comm(&key.name, sizeof(key.name));
#ifdef USER_STACKS
  key.user_stack_id = stack_traces.get_stackid(&ctx->regs, BPF_F_USER_STACK);
#endif
#ifdef KERNEL_STACKS
  key.kernel_stack_id = stack_traces.get_stackid(&ctx->regs, 0);
#endif
  counts.increment(key);
  return 0;
}
