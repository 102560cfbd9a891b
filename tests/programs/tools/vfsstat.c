// vfsstat: VFS call counts in an array indexed by call type.
#include <uapi/linux/ptrace.h>

enum stat_types {
    S_READ = 1,
    S_WRITE,
    S_FSYNC,
    S_OPEN,
    S_CREATE,
    S_MAXSTAT
};

BPF_ARRAY(stats, u64, S_MAXSTAT);

static void stats_increment(int key) {
    stats.atomic_increment(key);
}

int do_read(struct pt_regs *ctx) { stats_increment(S_READ); return 0; }
int do_write(struct pt_regs *ctx) { stats_increment(S_WRITE); return 0; }
int do_fsync(struct pt_regs *ctx) { stats_increment(S_FSYNC); return 0; }
int do_open(struct pt_regs *ctx) { stats_increment(S_OPEN); return 0; }
int do_create(struct pt_regs *ctx) { stats_increment(S_CREATE); return 0; }
