// opensnoop: open(), openat() and openat2(). The file name pointer and flags are kept per
// thread at entry; the event is sent at exit with the result, when the name is still mapped.
//
// Defines (typed by the tool): FILTER_PID, FILTER_TID, FILTER_UID, FILTER_FLAGS (report only
// opens with one of these flag bits), FAILED_ONLY.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

#include "tools/filters.h"

#define NAME_SIZE 256

struct entry {
  const char *fname;
  u64 flags;
};

struct event {
  u64 ts;  // ns, bpf_ktime_get_ns()
  u32 pid;
  u32 tid;
  u32 uid;
  int ret;
  u64 flags;
  char comm[TASK_COMM_LEN];
  char fname[NAME_SIZE];
};

BPF_HASH(entries, u32, struct entry, 10240);
BPF_PERCPU_ARRAY(scratch, struct event, 1);
BPF_PERF_OUTPUT(events);

static int record_entry(const char *fname, u64 flags) {
  u64 id = bpf_get_current_pid_tgid();
  u32 tid = (u32)id;
  if (filtered_out_task(id)) return 0;
#ifdef FILTER_UID
  if ((u32)bpf_get_current_uid_gid() != FILTER_UID) return 0;
#endif
#ifdef FILTER_FLAGS
  if (!(flags & FILTER_FLAGS)) return 0;
#endif
  struct entry e = {.fname = fname, .flags = flags};
  entries.update(&tid, &e);
  return 0;
}

static int send_result(void *ctx, long ret) {
  u64 id = bpf_get_current_pid_tgid();
  u32 tid = (u32)id;
  struct entry *e = entries.lookup(&tid);
  if (!e) return 0;
#ifdef FAILED_ONLY
  if (ret >= 0) {
    entries.delete(&tid);
    return 0;
  }
#endif
  int zero = 0;
  struct event *ev = scratch.lookup(&zero);
  if (!ev) return 0;
  ev->ts = bpf_ktime_get_ns();
  ev->pid = id >> 32;
  ev->tid = tid;
  ev->uid = (u32)bpf_get_current_uid_gid();
  ev->ret = ret;
  ev->flags = e->flags;
  bpf_get_current_comm(&ev->comm, sizeof(ev->comm));
  bpf_probe_read_user_str(&ev->fname, sizeof(ev->fname), e->fname);
  events.perf_submit(ctx, ev, sizeof(*ev));
  entries.delete(&tid);
  return 0;
}

TRACEPOINT_PROBE(syscalls, sys_enter_open) { return record_entry(args->filename, args->flags); }
TRACEPOINT_PROBE(syscalls, sys_enter_openat) { return record_entry(args->filename, args->flags); }
TRACEPOINT_PROBE(syscalls, sys_enter_openat2) {
  u64 flags = 0;  // struct open_how starts with its u64 flags
  bpf_probe_read_user(&flags, sizeof(flags), (void *)args->how);
  return record_entry(args->filename, flags);
}

TRACEPOINT_PROBE(syscalls, sys_exit_open) { return send_result(args, args->ret); }
TRACEPOINT_PROBE(syscalls, sys_exit_openat) { return send_result(args, args->ret); }
TRACEPOINT_PROBE(syscalls, sys_exit_openat2) { return send_result(args, args->ret); }
