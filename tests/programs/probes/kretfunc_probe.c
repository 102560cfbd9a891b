// KRETFUNC_PROBE: arguments and, last, the return value.
#include <linux/fs.h>

BPF_HISTOGRAM(sizes);

KRETFUNC_PROBE(vfs_write, struct file *file, const char *buf, size_t count, loff_t *pos, ssize_t ret) {
    if (ret > 0)
        sizes.increment(bpf_log2l(ret));
    return 0;
}
