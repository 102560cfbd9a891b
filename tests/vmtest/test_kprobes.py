"""Real kprobes (run in the vmtest guest; skipped, with the reason, on kernels without them)."""

import os

import pytest

from tracekit import BPF
from tracekit._native import core

pytestmark = pytest.mark.skipif(not core.kernel_info()["kprobe_pmu"],
                                reason="this kernel has no kprobe PMU (CONFIG_KPROBES)")

OPENAT = r"""
#include <uapi/linux/ptrace.h>
BPF_HASH(opened, u32, int);
BPF_HASH(results, u32, long);

int kprobe__do_sys_openat2(struct pt_regs *ctx, int dfd, const char __user *filename, void *how) {
    char name[32] = {};
    bpf_probe_read_user_str(name, sizeof(name), filename);
    char want[] = "/tmp/tk-kprobe-marker";
    for (int i = 0; i < sizeof(want); i++)
        if (name[i] != want[i]) return 0;
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    opened.update(&pid, &dfd);
    return 0;
}

int kretprobe__do_sys_openat2(struct pt_regs *ctx) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    if (!opened.lookup(&pid)) return 0;
    long ret = PT_REGS_RC(ctx);
    results.update(&pid, &ret);
    return 0;
}
"""


def test_kprobe_arguments_and_kretprobe_return_value():
    with BPF(text=OPENAT) as b:
        assert b.num_open_kprobes() == 2
        fd = os.open("/tmp/tk-kprobe-marker", os.O_CREAT | os.O_RDONLY, 0o600)
        os.close(fd)
        pid = os.getpid()
        opened = {k.value: v.value for k, v in b["opened"].items()}
        results = {k.value: v.value for k, v in b["results"].items()}
    assert opened.get(pid) == -100  # AT_FDCWD
    assert results.get(pid) == fd


def test_kprobe_on_a_function_without_the_syscall_tracepoint_path():
    text = "BPF_HASH(n, u32, u64); int count(struct pt_regs *ctx) { u32 k = 0; n.increment(k); return 0; }"
    with BPF(text=text) as b:
        b.attach_kprobe(event="do_nanosleep", fn_name="count")
        import time
        for _ in range(3):
            time.sleep(0.01)
        assert b["n"][b["n"].Key(0)].value >= 3
        assert b.attachments() == ["kprobe 'do_nanosleep'"]
