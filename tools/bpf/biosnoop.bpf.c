// biosnoop: each block I/O with its submitter, size and latency. The submitting process is
// seen at block:block_bio_queue, the issue (and, with QUEUED, the queue insert) times at the
// request tracepoints, and the event goes out at completion. Requests are keyed by device and
// start sector. A bio the block layer splits is queued once: the remainder (at new_sector)
// inherits the submitter at block:block_split, or it would show as pid 0.
//
// Defines: QUEUED (latency from insertion in the OS queue), FILTER_DEV (kernel dev_t).
#include <linux/sched.h>

struct rq_key {
  u64 sector;
  u32 dev;
  u32 pad;
};

struct submitter {
  u32 pid;
  char comm[TASK_COMM_LEN];
};

struct timing {
  u64 insert_ts;
  u64 issue_ts;
  u32 bytes;
};

struct event {
  u64 ts;
  u64 delta_ns;  // completion - issue (or - insert with QUEUED)
  u64 queue_ns;  // issue - insert, when the insert was seen
  u64 sector;
  u32 dev;
  u32 bytes;
  u32 pid;
  char rwbs[8];
  char comm[TASK_COMM_LEN];
};

BPF_HASH(submitters, struct rq_key, struct submitter, 10240);
BPF_HASH(timings, struct rq_key, struct timing, 10240);
BPF_PERF_OUTPUT(events);

static inline int wanted(u32 dev) {
#ifdef FILTER_DEV
  return dev == FILTER_DEV;
#else
  return 1;
#endif
}

TRACEPOINT_PROBE(block, block_bio_queue) {
  if (!wanted(args->dev)) return 0;
  struct rq_key key = {.sector = args->sector, .dev = args->dev};
  struct submitter who = {.pid = bpf_get_current_pid_tgid() >> 32};
  bpf_get_current_comm(&who.comm, sizeof(who.comm));
  submitters.update(&key, &who);
  return 0;
}

TRACEPOINT_PROBE(block, block_split) {
  if (!wanted(args->dev)) return 0;
  struct rq_key from = {.sector = args->sector, .dev = args->dev};
  struct rq_key to = {.sector = args->new_sector, .dev = args->dev};
  struct submitter *who = submitters.lookup(&from);
  if (who) {
    struct submitter copy = *who;
    submitters.update(&to, &copy);
  } else {
    struct submitter current_task = {.pid = bpf_get_current_pid_tgid() >> 32};
    bpf_get_current_comm(&current_task.comm, sizeof(current_task.comm));
    submitters.update(&to, &current_task);
  }
  return 0;
}

TRACEPOINT_PROBE(block, block_rq_insert) {
  if (!wanted(args->dev)) return 0;
  struct rq_key key = {.sector = args->sector, .dev = args->dev};
  struct timing t = {.insert_ts = bpf_ktime_get_ns(), .bytes = args->bytes};
  timings.update(&key, &t);
  return 0;
}

TRACEPOINT_PROBE(block, block_rq_issue) {
  if (!wanted(args->dev)) return 0;
  struct rq_key key = {.sector = args->sector, .dev = args->dev};
  struct timing *t = timings.lookup(&key);
  if (t) {
    t->issue_ts = bpf_ktime_get_ns();
    t->bytes = args->bytes;
  } else {
    struct timing fresh = {.issue_ts = bpf_ktime_get_ns(), .bytes = args->bytes};
    timings.update(&key, &fresh);
  }
  return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
  if (!wanted(args->dev)) return 0;
  struct rq_key key = {.sector = args->sector, .dev = args->dev};
  struct timing *t = timings.lookup(&key);
  if (!t || !t->issue_ts) return 0;
  struct event e = {};
  e.ts = bpf_ktime_get_ns();
#ifdef QUEUED
  u64 start = t->insert_ts ? t->insert_ts : t->issue_ts;
#else
  u64 start = t->issue_ts;
#endif
  e.delta_ns = e.ts - start;
  e.queue_ns = t->insert_ts ? t->issue_ts - t->insert_ts : 0;
  e.sector = args->sector;
  e.dev = args->dev;
  e.bytes = t->bytes;
  __builtin_memcpy(e.rwbs, args->rwbs, sizeof(e.rwbs));
  struct submitter *who = submitters.lookup(&key);
  if (who) {
    e.pid = who->pid;
    __builtin_memcpy(e.comm, who->comm, sizeof(e.comm));
  }
  events.perf_submit(args, &e, sizeof(e));
  timings.delete(&key);
  submitters.delete(&key);
  return 0;
}
