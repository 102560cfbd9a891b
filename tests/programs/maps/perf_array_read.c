// BPF_PERF_ARRAY and perf_read(): a hardware counter read on the current CPU (user space opens
// the counters; NUM_CPUS comes from cflags, as in BCC's documentation).
// tk-cflags: -DNUM_CPUS=64
#include <uapi/linux/ptrace.h>

BPF_PERF_ARRAY(cycles, NUM_CPUS);
BPF_HASH(start_cycles, u32, u64);

int on_entry(struct pt_regs *ctx) {
    u32 tid = bpf_get_current_pid_tgid();
    u64 c = cycles.perf_read(CUR_CPU_IDENTIFIER);
    if ((s64)c < -256)  // an error: no counter open on this CPU
        return 0;
    start_cycles.update(&tid, &c);
    return 0;
}
