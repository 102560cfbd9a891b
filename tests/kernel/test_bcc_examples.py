"""BCC's first two examples, as BCC users write them: unmodified (`from bcc import BPF`) through
`python3 -m tracekit.compat`, and with only the import changed to `from tracekit import BPF`."""

import os
import subprocess

import pytest

from support.processes import TIMEOUT_SCALE, python_script

PROGRAMS = os.path.join(os.path.dirname(__file__), "programs")


def script_variant(name, compat, tmp_path):
    path = os.path.join(PROGRAMS, name)
    if compat:
        return path
    with open(path) as f:
        text = f.read()
    ported = tmp_path / name
    ported.write_text(text.replace("from bcc import BPF", "from tracekit import BPF"))
    return str(ported)


@pytest.mark.parametrize("compat", [False, True], ids=["tracekit-import", "unmodified-via-compat"])
def test_hello_world_sees_forks(compat, tmp_path):
    script = python_script(script_variant("hello_world.py", compat, tmp_path), "10", compat=compat)
    try:
        script.wait_for(b"READY")
        forker = subprocess.Popen(["/usr/bin/python3", "-c",
                                   "import os\nfor _ in range(10):\n    p = os.fork()\n"
                                   "    if p == 0: os._exit(0)\n    os.waitpid(p, 0)"])
        assert forker.wait() == 0
        assert script.proc.wait(timeout=30 * TIMEOUT_SCALE) == 0, script.err
        script.stop()
        lines = [l.split() for l in script.out.splitlines() if b"Hello, World!" in l]
        assert len(lines) == 10, script.out
        # "<task> <pid> Hello, World! uid=0". Other processes may clone meanwhile; the forker's
        # clones must be there, as root. (The task name may print as <...> when the kernel's
        # comm cache has not seen the pid.)
        mine = [l for l in lines if int(l[1]) == forker.pid]
        assert len(mine) >= 5, lines
        assert all(l[-1] == b"uid=0" for l in mine), lines
    finally:
        script.stop()


@pytest.mark.parametrize("compat", [False, True], ids=["tracekit-import", "unmodified-via-compat"])
def test_sync_timing_reports_two_quick_syncs(compat, tmp_path):
    script = python_script(script_variant("sync_timing.py", compat, tmp_path), compat=compat)
    try:
        script.wait_for(b"Tracing for quick sync's")
        subprocess.run(["sync"], check=True)
        subprocess.run(["sync"], check=True)
        out = script.wait_for(b"multiple syncs detected", timeout=30)  # scaled in wait_for
        ms = int(out.split(b"last ")[1].split(b" ms")[0])
        assert 0 <= ms < 1000
    finally:
        script.stop()
