// cachestat: page cache hits and misses from kprobes on the page cache functions.
#include <uapi/linux/ptrace.h>

enum { MPA, MBD, APCL, APD, NR_COUNTERS };

BPF_ARRAY(counters, u64, NR_COUNTERS);

int do_mark_page_accessed(struct pt_regs *ctx) { counters.atomic_increment(MPA); return 0; }
int do_mark_buffer_dirty(struct pt_regs *ctx) { counters.atomic_increment(MBD); return 0; }
int do_add_to_page_cache_lru(struct pt_regs *ctx) { counters.atomic_increment(APCL); return 0; }
int do_account_page_dirtied(struct pt_regs *ctx) { counters.atomic_increment(APD); return 0; }
