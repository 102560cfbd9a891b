// execsnoop: the arguments are gathered at exec() entry into a per-thread record, and the
// record is submitted once, at exit, with the return value. One event per exec keeps the
// arguments and the result together even when exec() moves the task to another CPU.
//
// Defines (set by the tool, all typed integers): MAXARG (arguments read, default 20),
// UID_FILTER / PPID_FILTER (trace only this uid / parent pid).
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

#ifndef MAXARG
#define MAXARG 20
#endif
#define ARGSIZE 128
#define ARGS_BUFFER (MAXARG * ARGSIZE)
// Room left for one more argument: a read may only start below this offset.
#define LAST_ARG_START (ARGS_BUFFER - ARGSIZE)

struct event {
  u32 pid;   // tgid, what user space calls the PID
  u32 ppid;
  u32 uid;
  int retval;
  int args_count;       // arguments after the file name
  u32 args_size;        // bytes used in args: NUL-separated file name and arguments
  u32 truncated;        // more arguments than MAXARG
  char comm[TASK_COMM_LEN];
  char args[ARGS_BUFFER];
};

BPF_PERF_OUTPUT(events);
// Not preallocated: 10240 records of 2.6 KB would pin 27 MB of kernel memory for the life of
// the tool (and take ~5 ms to create).
BPF_F_TABLE("hash", u32, struct event, execs, 10240, BPF_F_NO_PREALLOC);
BPF_PERCPU_ARRAY(scratch, struct event, 1);

static int filtered_out(struct task_struct *task) {
#ifdef UID_FILTER
  if ((u32)bpf_get_current_uid_gid() != UID_FILTER) return 1;
#endif
#ifdef PPID_FILTER
  if (task->real_parent->tgid != PPID_FILTER) return 1;
#endif
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_enter_execve) {
  struct task_struct *task = (struct task_struct *)bpf_get_current_task();
  if (filtered_out(task)) return 0;
  int zero = 0;
  struct event *e = scratch.lookup(&zero);
  if (!e) return 0;
  u64 id = bpf_get_current_pid_tgid();
  u32 tid = (u32)id;
  e->pid = id >> 32;
  e->ppid = task->real_parent->tgid;
  e->uid = (u32)bpf_get_current_uid_gid();
  e->args_count = 0;
  e->truncated = 0;

  long len = bpf_probe_read_user_str(e->args, ARGSIZE, args->filename);
  e->args_size = len > 0 ? len : 0;

  // argv[0] repeats the file name; start at argv[1], like BCC's execsnoop.
  const char *const *argv = args->argv;
#pragma unroll
  for (int i = 1; i < MAXARG; i++) {
    const char *arg = NULL;
    bpf_probe_read_user(&arg, sizeof(arg), &argv[i]);
    if (!arg) goto done;
    u32 at = e->args_size;
    if (at > LAST_ARG_START) goto done;
    len = bpf_probe_read_user_str(&e->args[at], ARGSIZE, arg);
    if (len <= 0) goto done;
    e->args_size += len;
    e->args_count++;
  }
  {
    // Is there an argument beyond the ones read?
    const char *arg = NULL;
    bpf_probe_read_user(&arg, sizeof(arg), &argv[MAXARG]);
    if (arg) e->truncated = 1;
  }
done:
  execs.update(&tid, e);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_execve) {
  u32 tid = (u32)bpf_get_current_pid_tgid();
  struct event *e = execs.lookup(&tid);
  if (!e) return 0;
  e->retval = args->ret;
  bpf_get_current_comm(&e->comm, sizeof(e->comm));
  u32 size = sizeof(*e) - ARGS_BUFFER + e->args_size;
  if (size <= sizeof(*e)) events.perf_submit(args, e, size);
  execs.delete(&tid);
  return 0;
}
