"""Syscall kprobes: BCC-style programs on syscall entry points (syscall__NAME with arguments in
the signature, PT_REGS_PARM1 of the wrapper, PT_REGS_RC in kretprobes, perf_submit and
get_stackid on the context) report the same events whether they run as real kprobes or, on a
kernel without kprobes, as syscall tracepoint twins. tests/kernel/programs/syscall_events.py
traces execve, openat, clone, kill and sync of a workload; on a kernel with kprobes (vmtest) it
runs both ways and the outputs must be identical."""

import json
import os
import subprocess
import sys

import pytest

from tracekit import BPF
from tracekit._native import core
from support.processes import TIMEOUT_SCALE

SCRIPT = os.path.join(os.path.dirname(__file__), "programs", "syscall_events.py")
KPROBES = core.capability("kprobes")


def run_events(no_kprobes=False):
    env = dict(os.environ)
    if no_kprobes:
        env["TRACEKIT_NO_KPROBES"] = "1"
    r = subprocess.run([sys.executable, SCRIPT], capture_output=True, text=True, env=env,
                       timeout=300 * TIMEOUT_SCALE)
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines(), r.stderr


def check_workload(lines):
    events = [json.loads(line) for line in lines]

    def find(event, **fields):
        return [e for e in events if e["event"] == event and all(e.get(k) == v for k, v in fields.items())]

    # os.open(marker, O_CREAT|O_WRONLY|O_TRUNC, 0o640) (+ O_CLOEXEC from Python), from AT_FDCWD.
    assert find("openat", str="/tmp/tk-syscall-events-marker", args=[-100, 0o2001101, 0o640])
    assert find("kill", args=["self", 0, 0]) and find("kill", args=["self", 28, 0])
    clone = find("clone")
    assert len(clone) == 1 and clone[0]["args"][0] & 0xff == 17  # SIGCHLD in the flags
    assert find("sync") and find("sync return", ret=0)
    assert find("execve", str="/bin/true") and find("execve return", ret=0)
    assert find("clone return", ret="child pid")
    assert len(find("kill return", ret=0)) == 2
    opens = [e for e in events if e["event"] == "openat"]
    assert len(find("openat return")) == len(opens)
    assert all(e["user_stack"] for e in events)  # get_stackid saw the caller's user stack


def test_syscall_kprobes_report_the_workload():
    lines, stderr = run_events()
    check_workload(lines)
    if not KPROBES[0]:
        assert "via tracepoint syscalls:sys_enter_execve" in stderr


@pytest.mark.skipif(not KPROBES[0], reason="needs kprobes to compare with: %s" % KPROBES[1])
def test_tracepoint_fallback_reports_what_kprobes_report():
    kprobe_lines, kprobe_stderr = run_events()
    fallback_lines, fallback_stderr = run_events(no_kprobes=True)
    assert "via tracepoint" not in kprobe_stderr
    assert "via tracepoint syscalls:sys_enter_clone" in fallback_stderr
    check_workload(fallback_lines)
    assert fallback_lines == kprobe_lines


EVERY = r"""
BPF_HASH(entries, u64, u64);
BPF_HASH(exits, u64, u64);
int on_entry(struct pt_regs *ctx) {
    if ((bpf_get_current_pid_tgid() >> 32) != PID) return 0;
    struct pt_regs *regs = (struct pt_regs *)PT_REGS_PARM1(ctx);
    u64 nr = 0;
    bpf_probe_read_kernel(&nr, sizeof(nr), &regs->orig_ax);
    entries.increment(nr);
    return 0;
}
int on_exit(struct pt_regs *ctx) {
    if ((bpf_get_current_pid_tgid() >> 32) != PID) return 0;
    u64 ret = PT_REGS_RC(ctx);
    exits.increment(ret);
    return 0;
}
"""


def syscall_names():
    names = [n.decode().split("sys_enter_", 1)[1] for n in BPF.get_tracepoints(b"syscalls:sys_enter_")]
    if KPROBES[0]:  # real kprobes need the wrapper function itself (and not blacklisted)
        prefix = BPF.get_syscall_prefix()
        wrappers = set(BPF.get_kprobe_functions(b"^" + prefix))
        names = [n for n in names if prefix + n.encode() in wrappers]
    return names


def test_kprobe_and_kretprobe_on_every_syscall_entry_point():
    names = syscall_names()
    assert len(names) > 250
    with BPF(text=EVERY.replace("PID", str(os.getpid()))) as b:
        for name in names:
            event = b.get_syscall_fnname(name)
            b.attach_kprobe(event=event, fn_name="on_entry")
            b.attach_kretprobe(event=event, fn_name="on_exit")
        assert b.num_open_kprobes() == 2 * len(names)
        for _ in range(3):
            os.getppid()
        os.getpgid(0)
        entries = {k.value: v.value for k, v in b["entries"].items()}
        exits = {k.value: v.value for k, v in b["exits"].items()}
    assert entries.get(110) == 3 and entries.get(121) == 1  # getppid, getpgid (x86_64)
    assert exits.get(os.getppid(), 0) >= 3
