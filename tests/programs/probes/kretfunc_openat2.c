// KRETFUNC_PROBE on do_sys_openat2: the file name (a user pointer) and the result.
#include <linux/fs.h>

struct event_t {
    int ret;
    char path[64];
};

BPF_RINGBUF_OUTPUT(events, 4);

KRETFUNC_PROBE(do_sys_openat2, int dfd, const char *filename, struct open_how *how, long ret) {
    struct event_t *e = events.ringbuf_reserve(sizeof(*e));
    if (!e)
        return 0;
    e->ret = ret;
    bpf_probe_read_user_str(e->path, sizeof(e->path), filename);
    events.ringbuf_submit(e, 0);
    return 0;
}
