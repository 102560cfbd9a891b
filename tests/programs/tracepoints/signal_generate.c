// signal:signal_generate: who signals whom, with the result.
#include <uapi/linux/ptrace.h>

struct sig_t {
    int sig;
    int result;
    u32 target;
    char target_comm[16];
};

BPF_PERF_OUTPUT(signals);

TRACEPOINT_PROBE(signal, signal_generate) {
    struct sig_t s = {};
    s.sig = args->sig;
    s.result = args->result;
    s.target = args->pid;
    bpf_probe_read_kernel(&s.target_comm, sizeof(s.target_comm), args->comm);
    signals.perf_submit(args, &s, sizeof(s));
    return 0;
}
