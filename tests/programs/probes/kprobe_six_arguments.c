// All six register arguments in the signature (r8 and r9 for the last two).
#include <uapi/linux/ptrace.h>

struct args_t {
    u64 a1, a2, a3, a4, a5, a6;
};

BPF_HASH(last, u32, struct args_t);

int probe_six(struct pt_regs *ctx, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6) {
    struct args_t a = {a1, a2, a3, a4, a5, a6};
    u32 cpu = bpf_get_smp_processor_id();
    last.update(&cpu, &a);
    return 0;
}
