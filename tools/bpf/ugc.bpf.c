// ugc: garbage collections of a language runtime, timed from a begin USDT probe to its end
// probe, with the numbers and names the runtime passes.
//
// Defines: PAIRS (1 or 2 begin/end probe pairs), and for pair N (0, 1) the argument slots
// (tools/usdt_args.h; 0 = none): PAIRN_BEGIN_V1_ARG, PAIRN_BEGIN_V2_ARG (saved at begin),
// PAIRN_END_V1_ARG, PAIRN_END_V2_ARG (read at end), PAIRN_STR1_ARG/_LEN_ARG, PAIRN_STR2_ARG/_LEN_ARG
// (read at end), PAIRN_TAG_ARG (what tells nested begins apart on one thread, e.g. the JVM's
// memory pool); MIN_NS (-M).
#include "tools/usdt_args.h"

struct gc_event {
  u32 pair;
  u32 pid;
  u64 start_ns;
  u64 elapsed_ns;
  u64 begin_values[2];
  u64 end_values[2];
  char string1[48];
  char string2[48];
};

struct gc_key {
  u32 tid;
  u32 pair;
  u64 tag;
};

struct gc_start {
  u64 start_ns;
  u64 values[2];
};

BPF_PERF_OUTPUT(gcs);
BPF_HASH(starts, struct gc_key, struct gc_start, 10240);

#define GC_PROGRAMS(N)                                                  \
  int gc_begin_##N(struct pt_regs *ctx) {                               \
    struct gc_key key = {.tid = (u32)bpf_get_current_pid_tgid(), .pair = N}; \
    READ_ARG(PAIR##N##_TAG_ARG, ctx, &key.tag);                         \
    struct gc_start s = {.start_ns = bpf_ktime_get_ns()};               \
    READ_ARG(PAIR##N##_BEGIN_V1_ARG, ctx, &s.values[0]);                    \
    READ_ARG(PAIR##N##_BEGIN_V2_ARG, ctx, &s.values[1]);                    \
    starts.update(&key, &s);                                            \
    return 0;                                                           \
  }                                                                     \
  int gc_end_##N(struct pt_regs *ctx) {                                 \
    u64 id = bpf_get_current_pid_tgid();                                \
    struct gc_key key = {.tid = (u32)id, .pair = N};                    \
    READ_ARG(PAIR##N##_TAG_ARG, ctx, &key.tag);                         \
    struct gc_start *s = starts.lookup(&key);                           \
    if (!s) return 0;                                                   \
    struct gc_event e = {.pair = N, .pid = id >> 32, .start_ns = s->start_ns}; \
    e.elapsed_ns = bpf_ktime_get_ns() - s->start_ns;                    \
    e.begin_values[0] = s->values[0];                                   \
    e.begin_values[1] = s->values[1];                                   \
    starts.delete(&key);                                                \
    if (e.elapsed_ns < MIN_NS) return 0;                                \
    READ_ARG(PAIR##N##_END_V1_ARG, ctx, &e.end_values[0]);                  \
    READ_ARG(PAIR##N##_END_V2_ARG, ctx, &e.end_values[1]);                  \
    READ_STR(PAIR##N##_STR1_ARG, PAIR##N##_STR1_LEN_ARG, ctx, e.string1); \
    READ_STR(PAIR##N##_STR2_ARG, PAIR##N##_STR2_LEN_ARG, ctx, e.string2); \
    gcs.perf_submit(ctx, &e, sizeof(e));                                \
    return 0;                                                           \
  }

#ifndef MIN_NS
#define MIN_NS 0
#endif

#if PAIRS >= 1
GC_PROGRAMS(0)
#endif
#if PAIRS >= 2
GC_PROGRAMS(1)
#endif
