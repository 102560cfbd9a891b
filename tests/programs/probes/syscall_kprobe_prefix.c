// kprobe__sys_<name>: the name is fixed up to this kernel's syscall entry (__x64_sys_...).
#include <uapi/linux/ptrace.h>

BPF_HASH(kills, u32, int);

int kprobe__sys_kill(struct pt_regs *ctx, int pid, int sig) {
    u32 tpid = pid;
    kills.update(&tpid, &sig);
    return 0;
}
