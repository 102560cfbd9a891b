// numamove: page migrations, by kind: count and time. The migrate:mm_migrate_pages_start and
// migrate:mm_migrate_pages tracepoints bracket each call of the kernel's migrate_pages(),
// whose reason says why pages move: NUMA balancing moving a page to the node that uses it is
// "numa_misplaced" (what numamove reports), compaction, memory policy, demotion... are others.
// The time is migrate_pages()'s: libbpf-tools' numamove times migrate_misplaced_folio(), which
// also isolates the page first (kprobe/fentry only).
//
// stats is indexed by reason (the kernel's enum migrate_reason, below MAX_REASONS).
#include <linux/sched.h>

#define MAX_REASONS 16

struct stats {
  u64 calls;
  u64 pages;
  u64 ns;
};

BPF_HASH(starts, u32, u64, 10240);
BPF_ARRAY(by_reason, struct stats, MAX_REASONS);

TRACEPOINT_PROBE(migrate, mm_migrate_pages_start) {
  u32 tid = bpf_get_current_pid_tgid();
  u64 now = bpf_ktime_get_ns();
  starts.update(&tid, &now);
  return 0;
}

TRACEPOINT_PROBE(migrate, mm_migrate_pages) {
  u32 tid = bpf_get_current_pid_tgid();
  u64 *start = starts.lookup(&tid);
  if (!start) return 0;
  u64 ns = bpf_ktime_get_ns() - *start;
  starts.delete(&tid);
  int reason = args->reason;
  if (reason < 0 || reason >= MAX_REASONS) return 0;
  struct stats *s = by_reason.lookup(&reason);
  if (!s) return 0;
  __sync_fetch_and_add(&s->calls, 1);
  __sync_fetch_and_add(&s->pages, args->succeeded);
  __sync_fetch_and_add(&s->ns, ns);
  return 0;
}
