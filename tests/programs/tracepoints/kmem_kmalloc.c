// kmem:kmalloc: bytes requested and allocated per call site.
#include <uapi/linux/ptrace.h>

struct alloc_t {
    u64 requested;
    u64 allocated;
    u64 calls;
};

BPF_HASH(sites, u64, struct alloc_t, 4096);

TRACEPOINT_PROBE(kmem, kmalloc) {
    u64 site = args->call_site;
    struct alloc_t zero = {}, *a = sites.lookup_or_try_init(&site, &zero);
    if (!a)
        return 0;
    a->requested += args->bytes_req;
    a->allocated += args->bytes_alloc;
    a->calls++;
    return 0;
}
