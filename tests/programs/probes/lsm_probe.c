// LSM_PROBE: a BPF LSM hook; a non-zero return denies the operation (here: never).
#include <linux/fs.h>
#include <linux/binfmts.h>

BPF_HASH(checked, u32);

LSM_PROBE(bprm_check_security, struct linux_binprm *bprm) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    checked.increment(pid);
    return 0;
}
