// execsnoop: one ARG event per exec() argument at syscall entry, one RET event at exit (with
// the return value and the new comm); user space joins them by pid.
//
// Defines (all optional, typed by the tool): MAXARG (arguments read, default 20),
// UID_FILTER / PPID_FILTER (trace only this uid / parent pid).
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>
#include <linux/fs.h>

#ifndef MAXARG
#define MAXARG 20
#endif
#define ARGSIZE 128

enum event_type {
  EVENT_ARG,
  EVENT_RET,
};

struct data_t {
  u32 pid;  // tgid, what user space calls the PID
  u32 ppid;
  u32 uid;
  char comm[TASK_COMM_LEN];
  enum event_type type;
  char argv[ARGSIZE];
  int retval;
};

BPF_PERF_OUTPUT(events);

static int filtered_out(void) {
#ifdef UID_FILTER
  if ((u32)bpf_get_current_uid_gid() != UID_FILTER) return 1;
#endif
#ifdef PPID_FILTER
  struct task_struct *task = (struct task_struct *)bpf_get_current_task();
  if (task->real_parent->tgid != PPID_FILTER) return 1;
#endif
  return 0;
}

static void fill_identity(struct data_t *data) {
  struct task_struct *task = (struct task_struct *)bpf_get_current_task();
  data->pid = bpf_get_current_pid_tgid() >> 32;
  data->ppid = task->real_parent->tgid;
  data->uid = (u32)bpf_get_current_uid_gid();
  bpf_get_current_comm(&data->comm, sizeof(data->comm));
}

static int submit_arg(void *ctx, const char *arg, struct data_t *data) {
  bpf_probe_read_user_str(data->argv, sizeof(data->argv), arg);
  events.perf_submit(ctx, data, sizeof(struct data_t));
  return 1;
}

TRACEPOINT_PROBE(syscalls, sys_enter_execve) {
  if (filtered_out()) return 0;
  struct data_t data = {};
  fill_identity(&data);
  data.type = EVENT_ARG;
  submit_arg(args, args->filename, &data);

  // argv[0] repeats the file name; start at argv[1], like BCC's execsnoop.
  const char *const *argv = args->argv;
#pragma unroll
  for (int i = 1; i < MAXARG; i++) {
    const char *arg = NULL;
    bpf_probe_read_user(&arg, sizeof(arg), &argv[i]);
    if (!arg) return 0;
    submit_arg(args, arg, &data);
  }
  // More arguments than MAXARG: say so.
  char ellipsis[] = "...";
  __builtin_memcpy(data.argv, ellipsis, sizeof(ellipsis));
  events.perf_submit(args, &data, sizeof(data));
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_execve) {
  if (filtered_out()) return 0;
  struct data_t data = {};
  fill_identity(&data);
  data.type = EVENT_RET;
  data.retval = args->ret;
  events.perf_submit(args, &data, sizeof(data));
  return 0;
}
