// PT_REGS_SYSCALL_REGS and the _SYSCALL forms: read a syscall's arguments from the wrapper's
// registers without declaring them.
#include <uapi/linux/ptrace.h>

BPF_HASH(sizes, u32, u64);

int on_write(struct pt_regs *ctx) {
    struct pt_regs *regs = PT_REGS_SYSCALL_REGS(ctx);
    u64 count = PT_REGS_PARM3_SYSCALL(regs);
    u64 fd = PT_REGS_PARM1_SYSCALL(regs);
    u32 key = fd;
    sizes.update(&key, &count);
    return 0;
}
