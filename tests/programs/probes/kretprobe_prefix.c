// kretprobe__<function>: the return value is PT_REGS_RC(ctx).
#include <uapi/linux/ptrace.h>

BPF_HISTOGRAM(sizes);

int kretprobe__vfs_read(struct pt_regs *ctx) {
    long ret = PT_REGS_RC(ctx);
    if (ret > 0)
        sizes.increment(bpf_log2l(ret));
    return 0;
}
