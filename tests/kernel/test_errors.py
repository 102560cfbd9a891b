"""Bad input gets a typed, actionable error: never a crash, a hang or a leaked probe."""

import os
import subprocess
import sys

import pytest

from tracekit import BPF, CompileError, NotFoundError, NotSupportedError, VerifierError
from tracekit._native import core
from support.processes import TIMEOUT_SCALE


def test_syntax_error_has_line_and_column_in_user_text():
    with pytest.raises(CompileError) as e:
        BPF(text="int kprobe__do_nanosleep(void *ctx) {\n    return 0\n}\n")
    assert "program.c:2:13: error: expected ';'" in str(e.value)
    assert e.value.diagnostics[0][2:4] == (2, 13)


def test_unknown_table_method_is_clear():
    with pytest.raises(CompileError) as e:
        BPF(text="BPF_HASH(h);\nint hello(void *ctx) {\n    h.increase(1);\n    return 0;\n}\n")
    assert "program.c:3:7" in str(e.value)
    assert "increase" in str(e.value)


def test_verifier_rejection_carries_the_log():
    # Dereferencing a map lookup without a NULL check.
    text = """
BPF_HASH(h, u32, u64);
TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
    u32 k = 0;
    u64 *v = h.lookup(&k);
    return *v;
}
"""
    with pytest.raises(VerifierError) as e:
        BPF(text=text)
    assert "invalid mem access" in e.value.log
    assert "NULL check" in str(e.value)


def test_missing_tracepoint_is_named():
    b = BPF(text="int prog(void *ctx) { return 0; }")
    try:
        with pytest.raises(NotFoundError) as e:
            b.attach_tracepoint(tp="nosuchcat:nosuchevent", fn_name="prog")
        assert "nosuchcat:nosuchevent" in str(e.value)
    finally:
        b.cleanup()


def test_missing_uprobe_symbol_is_named():
    b = BPF(text="int prog(struct pt_regs *ctx) { return 0; }")
    try:
        with pytest.raises(NotFoundError) as e:
            b.attach_uprobe(name="c", sym="tk_no_such_symbol", fn_name="prog")
        assert "tk_no_such_symbol" in str(e.value)
    finally:
        b.cleanup()


@pytest.mark.skipif(core.kernel_info()["kprobes"], reason="this kernel has kprobes")
def test_kprobe_on_non_syscall_names_the_missing_feature():
    b = BPF(text="int prog(struct pt_regs *ctx) { return 0; }")
    try:
        with pytest.raises(NotSupportedError) as e:
            b.attach_kprobe(event="do_nanosleep", fn_name="prog")
        assert e.value.feature == "CONFIG_KPROBES"
        assert "do_nanosleep" in str(e.value)
    finally:
        b.cleanup()


def test_non_root_is_told_what_is_needed():
    code = ("import os; os.setgid(65534); os.setuid(65534)\n"
            "from tracekit import BPF\n"
            "try:\n"
            "    BPF(text='BPF_HASH(h); int prog(void *ctx) { return 0; }')\n"
            "except PermissionError as e:\n"
            "    print('PERMISSION', e)\n")
    env = dict(os.environ, TRACEKIT_CACHE_DIR="/tmp/tk-nonroot-cache-%d" % os.getpid())
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=120 * TIMEOUT_SCALE)
    assert b"PERMISSION" in out.stdout, out
    assert b"root" in out.stdout and b"CAP_BPF" in out.stdout
