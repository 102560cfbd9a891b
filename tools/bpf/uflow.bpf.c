// uflow: the call flow of a language runtime: each method entry and return from its USDT
// probes, with the thread's call depth, optionally only for classes/methods with a prefix.
//
// Defines: CLAZZ_ARG, CLAZZ_LEN_ARG, METHOD_ARG, METHOD_LEN_ARG (argument slots, see
// tools/usdt_args.h). The prefixes (-C, -M) are data: the `prefixes` table, set by the tool.
#include "tools/usdt_args.h"

#define NAME_LEN 80
#define RETURN_BIT (1ULL << 63)

struct call_event {
  u64 depth;  // RETURN_BIT set for a return
  u64 ts;
  u32 pid;
  u32 tid;
  u32 cpu;
  char clazz[NAME_LEN];
  char method[NAME_LEN];
};

struct prefix {
  u32 len;
  char text[NAME_LEN];
};

BPF_PERF_OUTPUT(calls);
BPF_HASH(depths, u32, u64, 65536);
BPF_ARRAY(prefixes, struct prefix, 2);  // 0: class prefix, 1: method prefix; len 0: any

static __always_inline int has_prefix(u32 index, const char *text) {
  struct prefix *p = prefixes.lookup(&index);
  if (!p) return 1;
  for (int i = 0; i < NAME_LEN; i++) {
    if (i >= p->len) return 1;
    if (p->text[i] != text[i]) return 0;
  }
  return 1;
}

// One program per direction; the depth counts only calls that pass the prefixes.
#define FLOW_PROGRAM(name, is_return)                                  \
  int name(struct pt_regs *ctx) {                                      \
    struct call_event e = {};                                          \
    READ_STR(CLAZZ_ARG, CLAZZ_LEN_ARG, ctx, e.clazz);                  \
    READ_STR(METHOD_ARG, METHOD_LEN_ARG, ctx, e.method);               \
    if (!has_prefix(0, e.clazz) || !has_prefix(1, e.method)) return 0; \
    u64 id = bpf_get_current_pid_tgid();                               \
    u32 tid = (u32)id;                                                 \
    u64 zero = 0;                                                      \
    u64 *depth = depths.lookup_or_try_init(&tid, &zero);               \
    if (!depth) return 0;                                              \
    if (is_return) {                                                   \
      e.depth = *depth | RETURN_BIT;                                   \
      if (*depth) (*depth)--;                                          \
    } else {                                                           \
      (*depth)++;                                                      \
      e.depth = *depth;                                                \
    }                                                                  \
    e.ts = bpf_ktime_get_ns();                                         \
    e.pid = id >> 32;                                                  \
    e.tid = tid;                                                       \
    e.cpu = bpf_get_smp_processor_id();                                \
    calls.perf_submit(ctx, &e, sizeof(e));                             \
    return 0;                                                          \
  }

FLOW_PROGRAM(trace_entry, 0)
FLOW_PROGRAM(trace_return, 1)
