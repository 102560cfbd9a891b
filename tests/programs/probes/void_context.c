// A program with a void * context, as BCC's hello world: attachable as a kprobe.
#include <uapi/linux/ptrace.h>

int hello(void *ctx) {
    bpf_trace_printk("Hello, World!\n");
    return 0;
}
