// drsnoop: direct reclaim: a task that allocates memory and has to free some itself first.
// vmscan:mm_vmscan_direct_reclaim_begin/end (global memory short); with MEMCG also
// vmscan:mm_vmscan_memcg_reclaim_begin/end (the task's memory cgroup at its limit). The start
// is kept per thread and sent with the pages reclaimed at the end.
//
// Defines: FILTER_PID, FILTER_TID, FILTER_UID, MEMCG, VM_ZONE_STAT_ADDR (the address of the
// kernel's vm_zone_stat[], from /proc/kallsyms, for -v: free pages at the start).
#include <linux/sched.h>

#include "tools/filters.h"

struct start {
  u64 ts;
  u64 free_pages;
  u32 memcg;
};

struct event {
  u64 ts;
  u64 delta_ns;
  u64 nr_reclaimed;
  u64 free_pages;  // (u64)-1: unknown
  u32 pid;
  u32 tid;
  u32 uid;
  u32 memcg;
  char comm[TASK_COMM_LEN];
};

BPF_HASH(starts, u32, struct start, 10240);
BPF_PERF_OUTPUT(events);

static __always_inline int begin(u32 memcg) {
  u64 id = bpf_get_current_pid_tgid();
  if (filtered_out_task(id)) return 0;
#ifdef FILTER_UID
  if ((u32)bpf_get_current_uid_gid() != FILTER_UID) return 0;
#endif
  struct start s = {.ts = bpf_ktime_get_ns(), .free_pages = (u64)-1, .memcg = memcg};
#ifdef VM_ZONE_STAT_ADDR
  long free = 0;  // vm_zone_stat[NR_FREE_PAGES], the first item
  if (bpf_probe_read_kernel(&free, sizeof(free), (void *)VM_ZONE_STAT_ADDR) == 0) s.free_pages = free;
#endif
  u32 tid = id;
  starts.update(&tid, &s);
  return 0;
}

static __always_inline int end(void *ctx, u64 nr_reclaimed) {
  u64 id = bpf_get_current_pid_tgid();
  u32 tid = id;
  struct start *s = starts.lookup(&tid);
  if (!s) return 0;
  u64 now = bpf_ktime_get_ns();
  struct event ev = {.ts = now, .delta_ns = now - s->ts, .nr_reclaimed = nr_reclaimed,
                     .free_pages = s->free_pages, .pid = id >> 32, .tid = tid,
                     .uid = (u32)bpf_get_current_uid_gid(), .memcg = s->memcg};
  bpf_get_current_comm(&ev.comm, sizeof(ev.comm));
  events.perf_submit(ctx, &ev, sizeof(ev));
  starts.delete(&tid);
  return 0;
}

TRACEPOINT_PROBE(vmscan, mm_vmscan_direct_reclaim_begin) { return begin(0); }
TRACEPOINT_PROBE(vmscan, mm_vmscan_direct_reclaim_end) { return end(args, args->nr_reclaimed); }

#ifdef MEMCG
TRACEPOINT_PROBE(vmscan, mm_vmscan_memcg_reclaim_begin) { return begin(1); }
TRACEPOINT_PROBE(vmscan, mm_vmscan_memcg_reclaim_end) { return end(args, args->nr_reclaimed); }
#endif
