// A constant-bound loop, unrolled: compares a file name against a prefix.
#include <uapi/linux/ptrace.h>

BPF_HASH(tmp_opens, u32);

TRACEPOINT_PROBE(syscalls, sys_enter_openat) {
    char name[8] = {};
    bpf_probe_read_user_str(&name, sizeof(name), args->filename);
    char prefix[] = "/tmp/";
#pragma unroll
    for (int i = 0; i < sizeof(prefix) - 1; i++)
        if (name[i] != prefix[i])
            return 0;
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    tmp_opens.increment(pid);
    return 0;
}
