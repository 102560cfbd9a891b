"""uprobes and uretprobes by binary path and symbol, for all processes or one pid."""

import os
import subprocess

import pytest

from tracekit import BPF

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "fixtures")

PROGRAM = """
BPF_HASH(calls, u32, u64);
BPF_HASH(returns, u64, u64);
int on_call(struct pt_regs *ctx) {
    u32 arg = PT_REGS_PARM1(ctx);
    calls.increment(arg);
    return 0;
}
int on_return(struct pt_regs *ctx) {
    u64 ret = PT_REGS_RC(ctx);
    returns.increment(ret);
    return 0;
}
"""


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    out = tmp_path_factory.mktemp("uprobe") / "uprobe_target"
    subprocess.run(["gcc", "-O1", "-o", str(out), os.path.join(FIXTURES, "uprobe_target.c")], check=True)
    return str(out)


def run_target(path, n):
    proc = subprocess.Popen([path, str(n)], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdout.readline().startswith(b"ready")
    return proc


@pytest.mark.parametrize("per_pid", [False, True], ids=["all-processes", "one-pid"])
def test_uprobe_and_uretprobe_count_calls(target, per_pid):
    proc = run_target(target, 5)
    with BPF(text=PROGRAM) as b:
        pid = proc.pid if per_pid else -1
        b.attach_uprobe(name=target, sym="tk_target_function", fn_name="on_call", pid=pid)
        b.attach_uretprobe(name=target, sym="tk_target_function", fn_name="on_return", pid=pid)
        assert b.num_open_uprobes() == 2
        proc.communicate(b"g")
        calls = {k.value: v.value for k, v in b["calls"].items()}
        returns = {k.value: v.value for k, v in b["returns"].items()}
    assert calls == {0: 1, 1: 1, 2: 1, 3: 1, 4: 1}
    assert returns == {0: 1, 2: 1, 4: 1, 6: 1, 8: 1}


def test_uprobe_on_library_by_short_name():
    with BPF(text="BPF_HASH(n, u32, u64); int on_getpid(struct pt_regs *ctx) { u32 k = 0; n.increment(k); return 0; }") as b:
        b.attach_uprobe(name="c", sym="getpid", fn_name="on_getpid")
        for _ in range(3):
            subprocess.run(["/usr/bin/python3", "-c", "import os; os.getpid()"], check=True)
        assert b["n"][b["n"].Key(0)].value >= 3
