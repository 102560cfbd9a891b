// compactsnoop: memory compaction of a zone, by the task that runs it (an allocation that
// compacts directly, kcompactd, or a write to /proc/sys/vm/compact_memory), from the
// compaction tracepoints: mm_compaction_suitable gives the node, zone and order of an
// allocation's compaction (manual and kcompactd compactions skip it: order -1, and the zone is
// found from its first page frame), mm_compaction_begin the start and mode, mm_compaction_end
// the result. With FRAGINDEX (kprobe kernels), a kretprobe on fragmentation_index() adds the
// zone's fragmentation index for -e, as BCC's does.
//
// Defines: FILTER_PID, KERNEL_STACKS, FRAGINDEX.
#include <linux/sched.h>

#define COMPACT_CONTINUE 4

struct pending {
  u64 ts;
  u64 zone_start;
  int nid;  // -1: unknown (found from zone_start by the tool)
  int idx;
  int order;
  int fragindex;  // -1000: unknown
  int sync;
};

struct event {
  u64 ts;
  u64 delta_ns;
  u64 zone_start;
  u32 pid;
  u32 tid;
  int nid;
  int idx;
  int order;
  int fragindex;
  int sync;
  int status;
  int stack_id;
  char comm[TASK_COMM_LEN];
};

BPF_HASH(pendings, u32, struct pending, 10240);
BPF_PERF_OUTPUT(events);
#ifdef KERNEL_STACKS
BPF_STACK_TRACE(stack_traces, 2048);
#endif

static __always_inline struct pending *pending_of(u32 tid, int create) {
  struct pending fresh = {.nid = -1, .idx = -1, .order = -1, .fragindex = -1000};
  struct pending *p = pendings.lookup(&tid);
  if (p || !create) return p;
  pendings.update(&tid, &fresh);
  return pendings.lookup(&tid);
}

static __always_inline int wanted(u64 id) {
#ifdef FILTER_PID
  if ((id >> 32) != FILTER_PID) return 0;
#endif
  return 1;
}

#ifdef FRAGINDEX
int fragmentation_index_return(struct pt_regs *ctx) {
  u64 id = bpf_get_current_pid_tgid();
  if (!wanted(id)) return 0;
  struct pending *p = pending_of((u32)id, 1);
  if (p) p->fragindex = (int)PT_REGS_RC(ctx);
  return 0;
}
#endif

TRACEPOINT_PROBE(compaction, mm_compaction_suitable) {
  u64 id = bpf_get_current_pid_tgid();
  if (args->ret != COMPACT_CONTINUE || !wanted(id)) return 0;
  struct pending *p = pending_of((u32)id, 1);
  if (!p) return 0;
  p->nid = args->nid;
  p->idx = args->idx;
  p->order = args->order;
  return 0;
}

TRACEPOINT_PROBE(compaction, mm_compaction_begin) {
  u64 id = bpf_get_current_pid_tgid();
  if (!wanted(id)) return 0;
  struct pending *p = pending_of((u32)id, 1);
  if (!p) return 0;
  p->ts = bpf_ktime_get_ns();
  p->zone_start = args->zone_start;
  p->sync = args->sync;
  return 0;
}

TRACEPOINT_PROBE(compaction, mm_compaction_end) {
  u64 id = bpf_get_current_pid_tgid();
  u32 tid = id;
  struct pending *p = pending_of(tid, 0);
  if (!p || !p->ts) return 0;
  u64 now = bpf_ktime_get_ns();
  struct event ev = {.ts = now, .delta_ns = now - p->ts, .zone_start = p->zone_start, .pid = id >> 32,
                     .tid = tid, .nid = p->nid, .idx = p->idx, .order = p->order, .fragindex = p->fragindex,
                     .sync = p->sync, .status = args->status, .stack_id = -1};
#ifdef KERNEL_STACKS
  ev.stack_id = stack_traces.get_stackid(args, 0);
#endif
  bpf_get_current_comm(&ev.comm, sizeof(ev.comm));
  events.perf_submit(args, &ev, sizeof(ev));
  pendings.delete(&tid);
  return 0;
}
