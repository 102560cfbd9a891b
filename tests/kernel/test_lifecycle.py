"""Attachments end with cleanup(), a with block, interpreter exit or SIGKILL."""

import os
import signal
import subprocess
import sys
import time

from tracekit import BPF
from support.processes import probe_events

PROGRAM = "BPF_HASH(n, u32, u64); int prog(struct pt_regs *ctx) { u32 k = 0; n.increment(k); return 0; }"


def test_cleanup_detaches_everything():
    b = BPF(text=PROGRAM)
    b.attach_uprobe(name="c", sym="getpid", fn_name="prog")
    b.attach_tracepoint(tp="syscalls:sys_enter_getppid", fn_name="prog")
    assert b.num_open_uprobes() == 1 and b.num_open_tracepoints() == 1
    b.cleanup()
    assert b.num_open_uprobes() == 0 and b.num_open_tracepoints() == 0


def test_detach_tracepoint_stops_counting():
    with BPF(text=PROGRAM) as b:
        b.attach_tracepoint(tp="syscalls:sys_enter_getppid", fn_name="prog")
        os.getppid()
        b.detach_tracepoint("syscalls:sys_enter_getppid")
        before = b["n"][b["n"].Key(0)].value
        for _ in range(10):
            os.getppid()
        assert b["n"][b["n"].Key(0)].value == before


def tracekit_programs():
    out = subprocess.run(["bpftool", "prog", "show"], capture_output=True, text=True).stdout
    return [l for l in out.splitlines() if " name prog " in l or "tracekit" in l]


def test_sigkill_leaves_nothing_behind():
    code = ("from tracekit import BPF\nimport sys, time\n"
            "b = BPF(text=%r)\n"
            "b.attach_uprobe(name='c', sym='getpid', fn_name='prog')\n"
            "print('attached', flush=True)\ntime.sleep(60)\n" % PROGRAM)
    before = len(tracekit_programs())
    for _ in range(5):
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
        assert proc.stdout.readline() == b"attached\n"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    time.sleep(0.5)  # the kernel releases programs asynchronously
    assert not any(probe_events().values())
    assert len(tracekit_programs()) <= before
