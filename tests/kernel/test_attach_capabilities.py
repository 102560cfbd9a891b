"""Capability probing: answers found by trying, consistent with what attaching really does,
cached per process, and shown by `tracekit doctor`; and a missing permission is named."""

import os
import subprocess
import sys
import time

import pytest

from tracekit import BPF, PermissionError
from tracekit._native import core

TRACEKIT = [sys.executable, "-c", "import sys; from tracekit.cli import main; sys.exit(main(sys.argv[1:]))"]


def test_kernel_struct_and_enum_questions_come_from_btf():
    assert BPF.kernel_struct_has_field(b"task_struct", b"pid")
    assert not BPF.kernel_struct_has_field(b"task_struct", b"no_such_field")
    assert not BPF.kernel_struct_has_field(b"no_such_struct", b"pid")
    # A field inside an anonymous union of struct sk_buff.
    assert BPF.kernel_struct_has_field("sk_buff", "dev")
    assert BPF.kernel_enum_has_val("bpf_prog_type", "BPF_PROG_TYPE_KPROBE")
    assert not BPF.kernel_enum_has_val("bpf_prog_type", "BPF_PROG_TYPE_NO_SUCH")


def test_answers_agree_with_attaching():
    program = "RAW_TRACEPOINT_PROBE(sys_enter) { return 0; }"
    if BPF.support_raw_tracepoint():
        with BPF(text=program) as b:
            assert b.num_open_tracepoints() == 1
    kprobes = core.capability("kprobes")[0]
    assert bool(BPF.get_kprobe_functions(b"^do_nanosleep$")) == kprobes
    with BPF(text="int f(struct pt_regs *ctx) { return 0; }") as b:
        if kprobes:
            b.attach_kprobe(event="do_nanosleep", fn_name="f")
        else:
            with pytest.raises(Exception, match="CONFIG_KPROBES|kprobes"):
                b.attach_kprobe(event="do_nanosleep", fn_name="f")


def test_answers_are_cached_per_process():
    first = core.capability("fentry")
    start = time.perf_counter()
    for _ in range(100):
        assert core.capability("fentry") == first
    assert time.perf_counter() - start < 0.05  # no program loads after the first answer
    with pytest.raises(ValueError, match="unknown kernel feature"):
        core.capability("no_such_feature")


def test_doctor_shows_every_capability_with_its_reason_and_the_attach_paths():
    out = subprocess.run(TRACEKIT + ["doctor"], capture_output=True, text=True, check=True).stdout
    rows = {line[:18].strip(): line[19:] for line in out.splitlines() if len(line) > 19}
    for name in ("BTF", "kernel headers", "header mode", "tracepoints", "kprobes", "uprobes", "fentry/fexit",
                 "LSM programs", "ring buffer", "batch map ops", "perf PMU (HW)", "kprobes", "tools prefer"):
        assert name in rows, out
    for row, feature in (("kprobes", "kprobes"), ("fentry/fexit", "fentry"), ("ring buffer", "ringbuf"),
                         ("batch map ops", "batch_map_ops"), ("perf PMU (HW)", "perf_hardware")):
        supported, detail, _ = core.capability(feature)
        assert rows[row] == ("yes: " if supported else "no: ") + detail
    info = core.kernel_info()
    assert rows["header mode"].startswith(info["header_mode"] + ":")


def test_missing_permission_is_named():
    code = ("import os\nos.setgid(65534)\nos.setuid(65534)\n"
            "from tracekit import BPF\n"
            "BPF(text='TRACEPOINT_PROBE(sched, sched_process_fork) { return 0; }')  # its record is in BTF: compiles unprivileged\n")
    env = dict(os.environ, TRACEKIT_NO_CACHE="1")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert r.returncode != 0
    assert "PermissionError" in r.stderr and "CAP_BPF" in r.stderr, r.stderr
    assert issubclass(PermissionError, OSError)
