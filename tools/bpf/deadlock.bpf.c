// deadlock: the lock-order graph of one process. When a thread asks for mutex B while it holds
// mutex A, the edge A -> B is recorded with the thread and the stacks where it took A and
// where it asked for B; a cycle in that graph is a potential deadlock (the tool looks for
// cycles). Thread creation is recorded with the creating stack, to say where the threads of a
// cycle came from (at pthread_create() where there is one). The lock and unlock uprobes are attached to the traced process only; the
// fork tracepoint keeps the threads of traced_process[0], the traced pid (a value, so that the program
// is compiled once whatever the pid).
//
// Defines: MAX_THREADS, MAX_EDGES, STACK_STORAGE_SIZE.
#include <linux/sched.h>

#include "tools/stacks.h"

#ifndef MAX_THREADS
#define MAX_THREADS 65536
#endif
#ifndef MAX_EDGES
#define MAX_EDGES 65536
#endif
#define MAX_HELD 16  // mutexes one thread holds at once that are kept track of

struct held_mutex {
  u64 mutex;  // 0: a free slot
  int stack_id;
};

struct held_mutexes {
  struct held_mutex slots[MAX_HELD];
};

struct edge_key {
  u64 mutex1;  // held
  u64 mutex2;  // asked for while mutex1 was held
};

struct edge_info {
  u32 tid;
  int mutex1_stack_id;
  int mutex2_stack_id;
  char comm[TASK_COMM_LEN];
};

struct thread_origin {
  u32 parent_tid;
  int stack_id;
  char comm[TASK_COMM_LEN];
};

BPF_ARRAY(traced_process, u32, 1);
BPF_HASH(held, u32, struct held_mutexes, MAX_THREADS);
BPF_HASH(edges, struct edge_key, struct edge_info, MAX_EDGES);
BPF_HASH(thread_to_parent, u32, struct thread_origin, MAX_THREADS);
BPF_HASH(creating, u32, int, 10240);  // thread -> the stack of its pthread_create() in progress

// pthread_create() entry (a uprobe, where the process has it): the caller's stack is where the
// new thread comes from; clone3(), which the fork tracepoint sees, keeps no frame pointer.
int trace_pthread_create(struct pt_regs *ctx) {
  u32 tid = bpf_get_current_pid_tgid();
  int stack_id = stack_traces.get_stackid(ctx, BPF_F_USER_STACK);
  creating.update(&tid, &stack_id);
  return 0;
}

int trace_mutex_acquire(struct pt_regs *ctx, void *mutex_address) {
  u64 mutex = (u64)mutex_address;
  u32 tid = bpf_get_current_pid_tgid();
  struct held_mutexes none = {};
  struct held_mutexes *mine = held.lookup_or_try_init(&tid, &none);
  if (!mine) return 0;
  int stack_id = stack_traces.get_stackid(ctx, BPF_F_USER_STACK);
  int free_slot = -1;
  for (int i = 0; i < MAX_HELD; i++) {
    u64 other = mine->slots[i].mutex;
    if (other == 0) {
      if (free_slot < 0) free_slot = i;
      continue;
    }
    if (other == mutex) continue;  // a recursive mutex taken again: no edge to itself
    struct edge_key key = {.mutex1 = other, .mutex2 = mutex};
    struct edge_info info = {.tid = tid, .mutex1_stack_id = mine->slots[i].stack_id, .mutex2_stack_id = stack_id};
    bpf_get_current_comm(&info.comm, sizeof(info.comm));
    edges.insert(&key, &info);  // the first time an order is seen is the one reported
  }
  if (free_slot >= 0 && free_slot < MAX_HELD) {
    mine->slots[free_slot].mutex = mutex;
    mine->slots[free_slot].stack_id = stack_id;
  }
  return 0;
}

int trace_mutex_release(struct pt_regs *ctx, void *mutex_address) {
  u64 mutex = (u64)mutex_address;
  u32 tid = bpf_get_current_pid_tgid();
  struct held_mutexes *mine = held.lookup(&tid);
  if (!mine) return 0;
  for (int i = 0; i < MAX_HELD; i++) {
    if (mine->slots[i].mutex == mutex) {
      mine->slots[i].mutex = 0;
      break;
    }
  }
  return 0;
}

TRACEPOINT_PROBE(sched, sched_process_fork) {
  int zero = 0;
  u32 *traced = traced_process.lookup(&zero);
  if (!traced || (bpf_get_current_pid_tgid() >> 32) != *traced) return 0;
  u32 child = args->child_pid;
  u32 parent = bpf_get_current_pid_tgid();
  struct thread_origin origin = {.parent_tid = parent};
  int *created_at = creating.lookup(&parent);
  if (created_at) {
    origin.stack_id = *created_at;
    creating.delete(&parent);
  } else {
    origin.stack_id = stack_traces.get_stackid(args, BPF_F_USER_STACK);
  }
  bpf_get_current_comm(&origin.comm, sizeof(origin.comm));
  thread_to_parent.update(&child, &origin);
  return 0;
}
