// tcpconnect: active TCP connects, seen as the socket's move from CLOSE to SYN_SENT
// (sock:inet_sock_set_state), which happens in the connecting process.
//
// Defines: FILTER_PID, FILTER_UID, FILTER_FAMILY (2 or 10), FILTER_PORTS (use the `ports` map),
// COUNT_ONLY (count per address pair in `counts` instead of sending events), WITH_LPORT (the
// local port is chosen after SYN_SENT: hold the event until the socket leaves SYN_SENT).
#include <linux/sched.h>
#include <net/sock.h>

struct event {
  u64 ts;
  u32 pid;
  u32 uid;
  u16 family;
  u16 lport;
  u16 dport;
  u8 saddr[16];
  u8 daddr[16];
  char comm[TASK_COMM_LEN];
};

struct flow {
  u16 family;
  u16 dport;
  u8 saddr[16];
  u8 daddr[16];
};

BPF_PERF_OUTPUT(events);
BPF_HASH(ports, u16, u8, 64);
BPF_HASH(counts, struct flow, u64, 10240);
BPF_HASH(pending, const void *, struct event, 10240);

TRACEPOINT_PROBE(sock, inet_sock_set_state) {
  if (args->protocol != IPPROTO_TCP) return 0;
#ifdef WITH_LPORT
  if (args->oldstate == TCP_SYN_SENT) {
    const void *sk = args->skaddr;
    struct event *held = pending.lookup(&sk);
    if (held) {
      held->lport = args->sport;
      events.perf_submit(args, held, sizeof(*held));
      pending.delete(&sk);
    }
    return 0;
  }
#endif
  if (args->oldstate != TCP_CLOSE || args->newstate != TCP_SYN_SENT) return 0;
  u64 id = bpf_get_current_pid_tgid();
  u32 uid = (u32)bpf_get_current_uid_gid();
#ifdef FILTER_PID
  if ((id >> 32) != FILTER_PID) return 0;
#endif
#ifdef FILTER_UID
  if (uid != FILTER_UID) return 0;
#endif
#ifdef FILTER_FAMILY
  if (args->family != FILTER_FAMILY) return 0;
#endif
  u16 dport = args->dport;
#ifdef FILTER_PORTS
  if (!ports.lookup(&dport)) return 0;
#endif
#ifdef COUNT_ONLY
  struct flow f = {.family = args->family, .dport = dport};
  if (args->family == AF_INET) {
    __builtin_memcpy(f.saddr, args->saddr, 4);
    __builtin_memcpy(f.daddr, args->daddr, 4);
  } else {
    __builtin_memcpy(f.saddr, args->saddr_v6, 16);
    __builtin_memcpy(f.daddr, args->daddr_v6, 16);
  }
  counts.increment(f);
#else
  struct event e = {.ts = bpf_ktime_get_ns(), .pid = id >> 32, .uid = uid, .family = args->family,
                    .lport = args->sport, .dport = dport};
  if (args->family == AF_INET) {
    __builtin_memcpy(e.saddr, args->saddr, 4);
    __builtin_memcpy(e.daddr, args->daddr, 4);
  } else {
    __builtin_memcpy(e.saddr, args->saddr_v6, 16);
    __builtin_memcpy(e.daddr, args->daddr_v6, 16);
  }
  bpf_get_current_comm(&e.comm, sizeof(e.comm));
#ifdef WITH_LPORT
  const void *sk = args->skaddr;
  pending.update(&sk, &e);
#else
  events.perf_submit(args, &e, sizeof(e));
#endif
#endif
  return 0;
}
