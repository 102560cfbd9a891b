// TP_DATA_LOC_READ_STR: a __data_loc string read up to its NUL (irq:irq_handler_entry's name).
#include <uapi/linux/ptrace.h>

struct key_t {
    int irq;
    char name[32];
};

BPF_HASH(irqs, struct key_t);

TRACEPOINT_PROBE(irq, irq_handler_entry) {
    struct key_t key = {};
    key.irq = args->irq;
    TP_DATA_LOC_READ_STR(key.name, name, sizeof(key.name));
    irqs.increment(key);
    return 0;
}
