// KMOD_RET: an fmod_ret program may replace the return value of a security_* function.
#include <linux/fs.h>

BPF_ARRAY(calls, u64, 1);

KMOD_RET(security_file_open, struct file *file, int ret) {
    int zero = 0;
    calls.increment(zero);
    return 0;  // keep the function's own result
}
