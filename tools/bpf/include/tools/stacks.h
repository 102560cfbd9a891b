// The stack tools' shared BPF side: the key their `counts` tables are keyed by (read by
// tracekit.tools.stacks), the stack table, and collecting the stacks -U/-K asked for.
//
// Defines: USER_STACKS, KERNEL_STACKS (one or both), STACK_STORAGE_SIZE.
#pragma once

#ifndef STACK_STORAGE_SIZE
#define STACK_STORAGE_SIZE 16384
#endif

struct stack_key {
  u32 pid;
  u32 tid;
  int user_stack_id;    // -1: not collected; < -1: -errno of a stack that could not be read
  int kernel_stack_id;
  char name[TASK_COMM_LEN];
};

BPF_STACK_TRACE(stack_traces, STACK_STORAGE_SIZE);

// The current task's stacks into key, as asked; ctx is the program's context (pt_regs of a
// perf event, a raw tracepoint's args...).
static __always_inline void collect_stacks(struct stack_key *key, void *ctx) {
  key->user_stack_id = -1;
  key->kernel_stack_id = -1;
#ifdef USER_STACKS
  key->user_stack_id = stack_traces.get_stackid(ctx, BPF_F_USER_STACK);
#endif
#ifdef KERNEL_STACKS
  key->kernel_stack_id = stack_traces.get_stackid(ctx, 0);
#endif
}
