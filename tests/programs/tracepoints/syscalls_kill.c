// syscalls:sys_enter_kill: integer arguments of a syscall record.
#include <uapi/linux/ptrace.h>

struct kill_t {
    u32 sender;
    int target;
    int sig;
};

BPF_HASH(kills, u32, struct kill_t);

TRACEPOINT_PROBE(syscalls, sys_enter_kill) {
    struct kill_t k = {};
    k.sender = bpf_get_current_pid_tgid() >> 32;
    k.target = args->pid;
    k.sig = args->sig;
    kills.update(&k.sender, &k);
    return 0;
}
