// syscalls:sys_enter_execve: walk argv (user pointers to user strings).
#include <uapi/linux/ptrace.h>

#define MAXARG 8

struct argv_t {
    char args[MAXARG][32];
};

BPF_PERCPU_ARRAY(scratch, struct argv_t, 1);
BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(syscalls, sys_enter_execve) {
    int zero = 0;
    struct argv_t *a = scratch.lookup(&zero);
    if (!a)
        return 0;
#pragma unroll
    for (int i = 0; i < MAXARG; i++) {
        const char *arg = NULL;
        bpf_probe_read_user(&arg, sizeof(arg), &args->argv[i]);
        if (!arg)
            break;
        bpf_probe_read_user_str(a->args[i], sizeof(a->args[i]), arg);
    }
    events.perf_submit(args, a, sizeof(*a));
    return 0;
}
