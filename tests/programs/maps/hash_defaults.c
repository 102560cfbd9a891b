// BPF_HASH with every argument left to BCC's defaults (u64 key, u64 leaf, 10240 entries),
// counting calls per thread id.
#include <uapi/linux/ptrace.h>

BPF_HASH(calls);

int count_calls(struct pt_regs *ctx) {
    u64 tid = bpf_get_current_pid_tgid();
    calls.increment(tid);
    return 0;
}
