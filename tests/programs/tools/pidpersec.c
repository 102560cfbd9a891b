// pidpersec: new processes per second, counted on sched_fork.
#include <uapi/linux/ptrace.h>

enum stat_types { S_COUNT = 1, S_MAXSTAT };

BPF_ARRAY(stats, u64, S_MAXSTAT);

static void stats_increment(int key) {
    stats.atomic_increment(key);
}

void do_count(struct pt_regs *ctx) { stats_increment(S_COUNT); }
