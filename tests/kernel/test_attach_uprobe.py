"""uprobes and uretprobes beyond the basics of test_uprobe.py: PIE and fixed-address
executables, shared libraries by short name through the process's own mappings, sym_re, addr,
sym_off, binaries inside another mount namespace, the legacy tracefs path, detach, the probe
quota, and errors that name what is missing. The target is tests/fixtures/uprobe_loop.c:
"go N" calls tk_add(i, 1) and tk_scale(i) for i < N."""

import os
import subprocess
import sys

import pytest

from tracekit import BPF, NotFoundError
from support import build
from support.build import Target
from support.processes import probe_events

PROGRAM = r"""
BPF_HASH(args, u64, u64);      /* (function << 32 | first argument) -> calls */
BPF_HASH(returns, u64, u64);   /* return value -> count */
BPF_HASH(at_offset, u64, u64); /* %ax at tk_add+off -> count */
int on_add(struct pt_regs *ctx) { u64 k = (1ull << 32) | PT_REGS_PARM1(ctx); args.increment(k); return 0; }
int on_scale(struct pt_regs *ctx) { u64 k = (2ull << 32) | PT_REGS_PARM1(ctx); args.increment(k); return 0; }
int on_any(struct pt_regs *ctx) { u64 k = (3ull << 32) | PT_REGS_PARM1(ctx); args.increment(k); return 0; }
int on_return(struct pt_regs *ctx) { u64 k = PT_REGS_RC(ctx); returns.increment(k); return 0; }
int on_offset(struct pt_regs *ctx) { u64 k = PT_REGS_RC(ctx); at_offset.increment(k); return 0; }
"""


def table(b, name, function=None):
    out = {}
    for k, v in b[name].items():
        if function is None:
            out[k.value] = v.value
        elif k.value >> 32 == function:
            out[k.value & 0xffffffff] = v.value
    return out


def symbol_address(path, name):
    out = subprocess.run(["nm", path], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[2] == name:
            return int(fields[0], 16)
    raise AssertionError("%s has no symbol %s" % (path, name))


def second_instruction_offset(path, name):
    """Offset from `name` to its second instruction (objdump's disassembly)."""
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", path], capture_output=True, text=True,
                         check=True).stdout
    lines = out.split("<%s>:\n" % name, 1)[1].splitlines()
    addresses = [int(l.split(":")[0], 16) for l in lines[:2]]
    return addresses[1] - addresses[0]


@pytest.mark.parametrize("pie", [True, False], ids=["PIE", "fixed-address"])
def test_symbol_address_and_return_probes_in_pie_and_fixed_executables(pie):
    exe = build.uprobe_loop(pie)
    with Target([exe]) as target, BPF(text=PROGRAM) as b:
        b.attach_uprobe(name=exe, sym="tk_add", fn_name="on_add", pid=target.pid)
        b.attach_uprobe(name=exe, addr=symbol_address(exe, "tk_scale"), fn_name="on_scale", pid=target.pid)
        b.attach_uretprobe(name=exe, sym="tk_scale", fn_name="on_return", pid=target.pid)
        assert b.num_open_uprobes() == 3
        target.command("go 4")
        assert table(b, "args", 1) == {0: 1, 1: 1, 2: 1, 3: 1}
        assert table(b, "args", 2) == {0: 1, 1: 1, 2: 1, 3: 1}
        assert table(b, "returns") == {0: 1, 10: 1, 20: 1, 30: 1}


def test_sym_off_probes_inside_the_function():
    exe = build.uprobe_loop(True)
    offset = second_instruction_offset(exe, "tk_add")
    with Target([exe]) as target, BPF(text=PROGRAM) as b:
        b.attach_uprobe(name=exe, sym="tk_add", sym_off=offset, fn_name="on_offset", pid=target.pid)
        assert "tk_add+%d" % offset in b.attachments()[0]
        target.command("go 3")
        # tk_add's first instruction computes a + b into %rax: the probe after it sees i + 1.
        assert table(b, "at_offset") == {1: 1, 2: 1, 3: 1}


def test_sym_re_attaches_every_matching_function_for_all_processes():
    exe = build.uprobe_loop(True)
    with BPF(text=PROGRAM) as b:
        b.attach_uprobe(name=exe, sym_re=r"tk_(add|scale)$", fn_name="on_any")
        assert b.num_open_uprobes() == 2
        with Target([exe]) as one, Target([exe]) as two:
            one.command("go 2")
            two.command("go 2")
        # Both functions get i as first argument; two processes, two calls each per i.
        assert table(b, "args", 3) == {0: 4, 1: 4}


def test_library_by_short_name_is_found_in_the_process_mappings():
    exe = build.usdt_target(optimise=True, with_library=True)  # links libtkusdt.so (not in ld.so.cache)
    with Target([exe]) as target, BPF(text=PROGRAM) as b:
        path = BPF.find_library("tkusdt", pid=target.pid)
        assert path == build.usdt_library().encode()
        assert BPF.find_library("tkusdt") is None
        b.attach_uprobe(name="tkusdt", sym="tk_lib_fire", fn_name="on_any", pid=target.pid)
        target.command("go 3")
        assert table(b, "args", 3) == {500: 1, 501: 1, 502: 1}


def test_binary_in_another_mount_namespace(tmp_path):
    exe = build.uprobe_loop(True)
    mountpoint = tmp_path / "private"
    mountpoint.mkdir()
    inner = str(mountpoint / os.path.basename(exe))
    with Target(build.in_private_mount_namespace(exe, str(mountpoint))) as target, BPF(text=PROGRAM) as b:
        assert not os.path.exists(inner)
        b.attach_uprobe(name=inner, sym="tk_add", fn_name="on_add", pid=target.pid)
        assert "/proc/%d/" % target.pid in b.attachments()[0]
        target.command("go 2")
        assert table(b, "args", 1) == {0: 1, 1: 1}


def test_detach_uprobe_stops_counting():
    exe = build.uprobe_loop(False)
    with Target([exe]) as target, BPF(text=PROGRAM) as b:
        b.attach_uprobe(name=exe, sym="tk_add", fn_name="on_add", pid=target.pid)
        b.attach_uretprobe(name=exe, sym="tk_scale", fn_name="on_return", pid=target.pid)
        target.command("go 1")
        b.detach_uprobe(name=exe, sym="tk_add", pid=target.pid)
        b.detach_uretprobe(name=exe, sym="tk_scale", pid=target.pid)
        assert b.num_open_uprobes() == 0
        target.command("go 3")
        assert table(b, "args", 1) == {0: 1}
        assert table(b, "returns") == {0: 1}


LEGACY = r"""
import sys
from tracekit import BPF
b = BPF(text=%r)
b.attach_uprobe(name=%r, sym="tk_add", fn_name="on_add")
print(b.attachments()[0], flush=True)
sys.stdin.readline()
print(sorted((k.value & 0xffffffff, v.value) for k, v in b["args"].items()), flush=True)
"""


def test_legacy_tracefs_uprobes_are_named_and_removed():
    exe = build.uprobe_loop(True)
    child = subprocess.Popen([sys.executable, "-c", LEGACY % (PROGRAM, exe)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, env=dict(os.environ, TRACEKIT_LEGACY_PROBES="1"))
    try:
        description = child.stdout.readline()
        assert "via tracefs event tracekit/p_%d_" % child.pid in description, description
        assert "tracekit/p_%d_" % child.pid in probe_events().get("uprobe_events", "")
        with Target([exe]) as target:
            target.command("go 3")
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "[(0, 1), (1, 1), (2, 1)]"
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
    assert "tracekit/" not in probe_events().get("uprobe_events", "")


def test_probe_quota_is_checked_before_attaching(monkeypatch):
    monkeypatch.setenv("TRACEKIT_PROBE_LIMIT", "1")
    exe = build.uprobe_loop(True)
    with BPF(text=PROGRAM) as b:
        with pytest.raises(RuntimeError, match="limit of 1 open kprobes and uprobes"):
            b.attach_uprobe(name=exe, sym_re=r"tk_(add|scale)$", fn_name="on_any")
        assert b.num_open_uprobes() == 0
        b.attach_uprobe(name=exe, sym="tk_add", fn_name="on_add")
        with pytest.raises(RuntimeError, match="limit"):
            b.attach_uprobe(name=exe, sym="tk_scale", fn_name="on_scale")


def test_errors_name_the_symbol_library_and_process():
    exe = build.uprobe_loop(True)
    with BPF(text=PROGRAM) as b:
        with pytest.raises(NotFoundError, match="symbol 'no_such_function' not found in '%s'" % exe):
            b.attach_uprobe(name=exe, sym="no_such_function", fn_name="on_add")
        with pytest.raises(NotFoundError, match="no_such_library"):
            b.attach_uprobe(name="no_such_library", sym="f", fn_name="on_add")
        with pytest.raises(NotFoundError, match="no function symbol of .* matches"):
            b.attach_uprobe(name=exe, sym_re="^zzz", fn_name="on_add")
        with pytest.raises(NotFoundError, match="process 999999"):
            b.attach_uprobe(name=exe, sym="tk_add", fn_name="on_add", pid=999999)
