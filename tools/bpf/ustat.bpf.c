// ustat: runtime events per process and kind (method calls, GCs, object allocations, class
// loads, exceptions, threads), counted from the USDT probes of every traced runtime binary.
// One program per kind; the tool enables each probe on the program of its kind.
struct stat_key {
  u32 pid;
  u32 kind;  // the tool's order: method, gc, objnew, cload, excp, thread
};

BPF_HASH(counts, struct stat_key, u64, 10240);

static __always_inline int count(u32 kind) {
  struct stat_key key = {.pid = bpf_get_current_pid_tgid() >> 32, .kind = kind};
  u64 zero = 0;
  u64 *n = counts.lookup_or_try_init(&key, &zero);
  if (n) __sync_fetch_and_add(n, 1);
  return 0;
}

int count_method(struct pt_regs *ctx) { return count(0); }
int count_gc(struct pt_regs *ctx) { return count(1); }
int count_objnew(struct pt_regs *ctx) { return count(2); }
int count_cload(struct pt_regs *ctx) { return count(3); }
int count_excp(struct pt_regs *ctx) { return count(4); }
int count_thread(struct pt_regs *ctx) { return count(5); }
