// dbslower, dbstat, mysqld_qslower: database queries timed from start to done. A server built
// with USDT probes passes the query to query__start and query__done (PostgreSQL, MySQL built
// with -DENABLE_DTRACE=1); a MySQL/MariaDB server without them is timed with a uprobe and a
// uretprobe on dispatch_command(), whose command (COM_QUERY) and query text are read at entry
// from its arguments, as the server reuses that buffer before it returns.
//
// Defines: DISPATCH_COMMAND (the uprobe way), HISTOGRAM (dbstat: a log2 histogram of
// latency / SCALE_NS instead of events), MIN_NS (the threshold).
#include "tools/usdt_args.h"

#define QUERY_LEN 256
#define COM_QUERY 3

struct query_start {
  u64 ts;
  char query[QUERY_LEN];
};

struct query_event {
  u32 pid;
  u32 pad;
  u64 ts;
  u64 duration_ns;
  char query[QUERY_LEN];
};

BPF_HASH(starts, u64, struct query_start, 10240);
BPF_PERCPU_ARRAY(scratch, struct query_start, 1);
#ifdef HISTOGRAM
BPF_HISTOGRAM(latency, u64, 64);
#else
BPF_PERF_OUTPUT(events);
#endif

int query_start(struct pt_regs *ctx) {
  u32 zero = 0;
  struct query_start *s = scratch.lookup(&zero);
  if (!s) return 0;
#ifdef DISPATCH_COMMAND
  // bool dispatch_command(enum enum_server_command command, THD *thd, char *packet, ...)
  if (PT_REGS_PARM1(ctx) != COM_QUERY) return 0;
  bpf_probe_read_user_str(s->query, sizeof(s->query), (void *)PT_REGS_PARM3(ctx));
#else
  s->query[0] = 0;
  READ_STR(1, 0, ctx, s->query);
#endif
  s->ts = bpf_ktime_get_ns();
  u64 id = bpf_get_current_pid_tgid();
  starts.update(&id, s);
  return 0;
}

int query_end(struct pt_regs *ctx) {
  u64 id = bpf_get_current_pid_tgid();
  struct query_start *s = starts.lookup(&id);
  if (!s) return 0;  // started before tracing began
  u64 delta = bpf_ktime_get_ns() - s->ts;
  if (delta < MIN_NS) {
    starts.delete(&id);
    return 0;
  }
#ifdef HISTOGRAM
  latency.atomic_increment(bpf_log2l(delta / SCALE_NS));
#else
  struct query_event e = {.pid = id >> 32, .ts = s->ts, .duration_ns = delta};
  __builtin_memcpy(e.query, s->query, sizeof(e.query));
  events.perf_submit(ctx, &e, sizeof(e));
#endif
  starts.delete(&id);
  return 0;
}
