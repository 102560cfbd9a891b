// profile: sample stacks at a timed interval (a perf event on every CPU) and count them.
//
// Defines: FILTER_PID, FILTER_TID, USER_STACKS, KERNEL_STACKS (one or both), INCLUDE_IDLE,
// STACK_STORAGE_SIZE.
#include <uapi/linux/ptrace.h>
#include <uapi/linux/bpf_perf_event.h>
#include <linux/sched.h>

#include "tools/filters.h"
#include "tools/stacks.h"

BPF_HASH(counts, struct stack_key, u64, 40960);

int do_perf_event(struct bpf_perf_event_data *ctx) {
  u64 id = bpf_get_current_pid_tgid();
#ifndef INCLUDE_IDLE
  if ((id >> 32) == 0) return 0;
#endif
  if (filtered_out_task(id)) return 0;
  struct stack_key key = {.pid = id >> 32, .tid = (u32)id};
  bpf_get_current_comm(&key.name, sizeof(key.name));
  collect_stacks(&key, &ctx->regs);
  counts.increment(key);
  return 0;
}
