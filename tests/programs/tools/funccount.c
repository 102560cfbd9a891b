// funccount: calls per probed function, keyed by the instruction pointer (one program
// attached to many functions).
#include <uapi/linux/ptrace.h>

BPF_ARRAY(counts, u64, 1024);
BPF_HASH(by_ip, u64);

int trace_count(struct pt_regs *ctx) {
    u64 ip = PT_REGS_IP(ctx);
    by_ip.increment(ip);
    int loc = 0;
    u64 *val = counts.lookup(&loc);
    if (!val)
        return 0;
    __sync_fetch_and_add(val, 1);
    return 0;
}
