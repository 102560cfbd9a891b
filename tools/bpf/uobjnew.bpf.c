// uobjnew: object allocations of a language runtime (USDT probes), or malloc() sizes of a C
// program (MALLOC: a uprobe on libc's malloc), counted and summed by type or size.
//
// Defines: MALLOC, or ALLOCS (1..4 allocation probes) and for probe N (0..3) the argument
// slots (tools/usdt_args.h; 0 = none): ALLOCN_NAME_ARG, ALLOCN_NAME_LEN_ARG, ALLOCN_SIZE_ARG.
// A probe without a name slot is counted under its number (`kind`), which the tool names.
#include "tools/usdt_args.h"

struct alloc_key {
  u32 kind;
  u32 pad;
  u64 size;  // malloc: the block size
  char name[64];
};

struct alloc_totals {
  u64 bytes;
  u64 count;
};

BPF_HASH(allocs, struct alloc_key, struct alloc_totals, 10240);

static __always_inline void count(struct alloc_key *key, u64 bytes) {
  struct alloc_totals zero = {};
  struct alloc_totals *t = allocs.lookup_or_try_init(key, &zero);
  if (t) {
    __sync_fetch_and_add(&t->count, 1);
    __sync_fetch_and_add(&t->bytes, bytes);
  }
}

#ifdef MALLOC
int alloc_malloc(struct pt_regs *ctx) {
  struct alloc_key key = {.size = PT_REGS_PARM1(ctx)};
  count(&key, key.size);
  return 0;
}
#else
#define ALLOC_PROGRAM(N)                                                         \
  int alloc_##N(struct pt_regs *ctx) {                                           \
    struct alloc_key key = {.kind = N};                                          \
    u64 bytes = 0;                                                               \
    READ_STR(ALLOC##N##_NAME_ARG, ALLOC##N##_NAME_LEN_ARG, ctx, key.name);       \
    READ_ARG(ALLOC##N##_SIZE_ARG, ctx, &bytes);                                  \
    count(&key, bytes);                                                          \
    return 0;                                                                    \
  }
#if ALLOCS >= 1
ALLOC_PROGRAM(0)
#endif
#if ALLOCS >= 2
ALLOC_PROGRAM(1)
#endif
#if ALLOCS >= 3
ALLOC_PROGRAM(2)
#endif
#if ALLOCS >= 4
ALLOC_PROGRAM(3)
#endif
#endif
