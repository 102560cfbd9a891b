"""100 cycles of: start a process that attaches kprobes and kretprobes, SIGKILL it, and check
that tracefs kprobe_events and `bpftool prog` hold nothing of it afterwards. Needs a kernel
with kprobes (the vmtest guest); the uprobe cycles run on the host (tests/kernel/test_lifecycle.py)."""

import signal
import subprocess
import sys
import time

import pytest

from tracekit._native import core
from support.processes import TIMEOUT_SCALE, probe_events

KPROBES = core.capability("kprobes")
pytestmark = pytest.mark.skipif(not KPROBES[0], reason="no kprobes: %s" % KPROBES[1])

CHILD = r"""
import time
from tracekit import BPF
b = BPF(text="int tk_kcycle_probe(struct pt_regs *ctx) { return 0; }")
b.attach_kprobe(event="do_nanosleep", fn_name="tk_kcycle_probe")
b.attach_kretprobe(event="do_nanosleep", fn_name="tk_kcycle_probe")
b.attach_kprobe(event=b.get_syscall_fnname("getppid"), fn_name="tk_kcycle_probe")
print("attached", flush=True)
time.sleep(600)
"""


def cycle_programs():
    out = subprocess.run(["bpftool", "prog", "show"], capture_output=True, text=True).stdout
    return [l for l in out.splitlines() if "tk_kcycle_probe" in l]


def test_kprobe_sigkill_cycles_leave_nothing_behind():
    assert cycle_programs() == []
    for cycle in range(100):
        proc = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE)
        assert proc.stdout.readline() == b"attached\n", "cycle %d: the child did not attach" % cycle
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert probe_events().get("kprobe_events", "") == ""
    deadline = time.time() + 20 * TIMEOUT_SCALE
    while cycle_programs() and time.time() < deadline:
        time.sleep(0.2)
    assert cycle_programs() == []
    assert probe_events().get("kprobe_events", "") == ""
