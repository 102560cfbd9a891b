// LSM_PROBE(bpf, ...): observe bpf() commands; returning -EPERM would deny them.
#include <linux/bpf.h>

BPF_HASH(cmds, int);

LSM_PROBE(bpf, int cmd, union bpf_attr *attr, unsigned int size) {
    cmds.increment(cmd);
    return 0;
}
