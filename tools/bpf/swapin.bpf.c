// swapin: pages read back from swap, counted by process. A kprobe on the kernel's swap-in read
// (swap_read_folio since Linux 6.9, swap_readpage before; the tool attaches whichever the
// kernel has): no tracepoint marks a swap-in.
//
// Defines: FILTER_PID.
#include <linux/sched.h>

struct key {
  u32 pid;
  char comm[TASK_COMM_LEN];
};

BPF_HASH(counts, struct key, u64, 10240);

int trace_swap_in(struct pt_regs *ctx) {
  struct key key = {.pid = bpf_get_current_pid_tgid() >> 32};
#ifdef FILTER_PID
  if (key.pid != FILTER_PID) return 0;
#endif
  bpf_get_current_comm(&key.comm, sizeof(key.comm));
  u64 zero = 0;
  u64 *count = counts.lookup_or_try_init(&key, &zero);
  if (count) __sync_fetch_and_add(count, 1);
  return 0;
}
