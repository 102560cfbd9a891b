// tcplife: TCP sessions from first state to close, with their duration and bytes, from
// sock:inet_sock_set_state. The byte counts are read from the kernel's struct tcp_sock at
// close (an implicit kernel read, CO-RE relocated in BTF mode).
//
// Defines: FILTER_PID, FILTER_FAMILY (2 or 10), FILTER_LPORTS / FILTER_RPORTS (use the
// `lports` / `rports` maps).
#include <linux/sched.h>
#include <net/sock.h>
#include <linux/tcp.h>

struct birth {
  u64 ts;
  u32 pid;
  char comm[TASK_COMM_LEN];
};

struct event {
  u64 ts;        // at close, ns
  u64 span_us;
  u64 tx_bytes;
  u64 rx_bytes;
  u32 pid;
  u16 family;
  u16 lport;
  u16 rport;
  u8 laddr[16];
  u8 raddr[16];
  char comm[TASK_COMM_LEN];
};

BPF_HASH(births, const void *, struct birth, 10240);
BPF_HASH(lports, u16, u8, 64);
BPF_HASH(rports, u16, u8, 64);
BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(sock, inet_sock_set_state) {
  if (args->protocol != IPPROTO_TCP) return 0;
#ifdef FILTER_FAMILY
  if (args->family != FILTER_FAMILY) return 0;
#endif
  const void *sk = args->skaddr;
  u16 lport = args->sport, rport = args->dport;
#ifdef FILTER_LPORTS
  if (!lports.lookup(&lport)) return 0;
#endif
#ifdef FILTER_RPORTS
  if (!rports.lookup(&rport)) return 0;
#endif
  int state = args->newstate;
  struct birth *b = births.lookup(&sk);
  if (state < TCP_FIN_WAIT1 && !b) {  // ESTABLISHED, SYN_SENT, SYN_RECV: the session starts
    struct birth fresh = {.ts = bpf_ktime_get_ns()};
    births.update(&sk, &fresh);
    b = births.lookup(&sk);
  }
  // connect() and a close after the peer's FIN run in the owning process.
  if (b && (state == TCP_SYN_SENT || state == TCP_LAST_ACK) && !b->pid) {
    b->pid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(&b->comm, sizeof(b->comm));
  }
  if (state != TCP_CLOSE || !b) return 0;

  struct event e = {};
  e.ts = bpf_ktime_get_ns();
  e.span_us = (e.ts - b->ts) / 1000;
  if (b->pid) {
    e.pid = b->pid;
    __builtin_memcpy(e.comm, b->comm, sizeof(e.comm));
  } else {
    e.pid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(&e.comm, sizeof(e.comm));
  }
#ifdef FILTER_PID
  if (e.pid != FILTER_PID) {
    births.delete(&sk);
    return 0;
  }
#endif
  struct tcp_sock *tp = (struct tcp_sock *)sk;
  e.tx_bytes = tp->bytes_acked;
  e.rx_bytes = tp->bytes_received;
  e.family = args->family;
  e.lport = lport;
  e.rport = rport;
  if (args->family == AF_INET) {
    __builtin_memcpy(e.laddr, args->saddr, 4);
    __builtin_memcpy(e.raddr, args->daddr, 4);
  } else {
    __builtin_memcpy(e.laddr, args->saddr_v6, 16);
    __builtin_memcpy(e.raddr, args->daddr_v6, 16);
  }
  events.perf_submit(args, &e, sizeof(e));
  births.delete(&sk);
  return 0;
}
