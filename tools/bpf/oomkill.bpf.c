// oomkill: OOM kills, with the task that triggered the OOM (the one allocating: current) and
// the victim.
//
// With KPROBE_PATH, BCC's probe: a kprobe on oom_kill_process(oc, message), which gives the
// victim (oc->chosen) and the pages of the OOM domain (oc->totalpages: the memory cgroup's
// limit, or RAM + swap). Without kprobes, the oom:mark_victim tracepoint, which the kernel hits
// when it marks the victim, in the same task: it carries the victim's pid, name and resident
// memory, but not the OOM domain's size, so the pages reported there are the victim's resident
// pages (anonymous + file + shmem).
//
// Defines: KPROBE_PATH, PAGE_SIZE_BYTES.
#include <linux/sched.h>
#include <linux/oom.h>

struct event {
  u32 trigger_pid;
  u32 victim_pid;
  u64 pages;     // KPROBE_PATH: oc->totalpages; else the victim's resident pages
  u64 vm_pages;  // the victim's total_vm (tracepoint only)
  char trigger_comm[TASK_COMM_LEN];
  char victim_comm[TASK_COMM_LEN];
};

BPF_PERF_OUTPUT(events);

#ifdef KPROBE_PATH
int trace_oom_kill_process(struct pt_regs *ctx, struct oom_control *oc, const char *message) {
  struct event ev = {.trigger_pid = bpf_get_current_pid_tgid() >> 32};
  struct task_struct *chosen = oc->chosen;
  ev.victim_pid = chosen->pid;
  ev.pages = oc->totalpages;
  bpf_get_current_comm(&ev.trigger_comm, sizeof(ev.trigger_comm));
  bpf_probe_read_kernel_str(&ev.victim_comm, sizeof(ev.victim_comm), chosen->comm);
  events.perf_submit(ctx, &ev, sizeof(ev));
  return 0;
}
#else
TRACEPOINT_PROBE(oom, mark_victim) {
  struct event ev = {.trigger_pid = bpf_get_current_pid_tgid() >> 32, .victim_pid = args->pid};
  // The record's sizes are in kB.
  ev.pages = (args->anon_rss + args->file_rss + args->shmem_rss) / (PAGE_SIZE_BYTES / 1024);
  ev.vm_pages = args->total_vm / (PAGE_SIZE_BYTES / 1024);
  bpf_get_current_comm(&ev.trigger_comm, sizeof(ev.trigger_comm));
  TP_DATA_LOC_READ_STR(&ev.victim_comm, comm, sizeof(ev.victim_comm));
  events.perf_submit(args, &ev, sizeof(ev));
  return 0;
}
#endif
