// sock:inet_sock_set_state: TCP state changes with addresses from the record.
#include <uapi/linux/ptrace.h>
#include <net/sock.h>

struct state_t {
    u16 sport;
    u16 dport;
    int oldstate;
    int newstate;
    u32 saddr;
    u32 daddr;
};

BPF_PERF_OUTPUT(changes);

TRACEPOINT_PROBE(sock, inet_sock_set_state) {
    if (args->protocol != IPPROTO_TCP)
        return 0;
    struct state_t s = {};
    s.sport = args->sport;
    s.dport = args->dport;
    s.oldstate = args->oldstate;
    s.newstate = args->newstate;
    __builtin_memcpy(&s.saddr, args->saddr, sizeof(s.saddr));
    __builtin_memcpy(&s.daddr, args->daddr, sizeof(s.daddr));
    changes.perf_submit(args, &s, sizeof(s));
    return 0;
}
