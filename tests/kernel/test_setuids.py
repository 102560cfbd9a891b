"""tracekit setuids reports a child's setfsuid, setresuid, setreuid and refused setuid calls
with the uids asked for and their results."""

import json
import subprocess

from support.processes import PYTHON, tool

# Waits for a byte, then changes its uids: setfsuid returns the old fsuid (0); setresuid with
# -1 keeps ruid and suid; with euid no longer 0 the process has lost CAP_SETUID, so setuid to
# a third uid is refused (-1, EPERM); setreuid back to root is allowed (suid is still 0).
CHILD = """
import ctypes, os, sys
sys.stdin.read(1)
ctypes.CDLL(None).setfsuid(12345)
os.setresuid(-1, 23456, -1)
try:
    os.setuid(34567)
except PermissionError:
    pass
os.setreuid(-1, 0)
"""

EXPECTED = [("setfsuid", {"uid": 12345}, 0), ("setresuid", {"ruid": -1, "euid": 23456, "suid": -1}, 0),
            ("setuid", {"uid": 34567}, -1), ("setreuid", {"ruid": -1, "euid": 0}, 0)]


def run_child(*tool_args, ready):
    child = subprocess.Popen([PYTHON, "-c", CHILD], stdin=subprocess.PIPE)
    snoop = tool("setuids", "-p", str(child.pid), *tool_args)
    try:
        snoop.wait_for(ready, stderr="--json" in tool_args)
        child.communicate(b"g")
        assert child.returncode == 0
        snoop.wait_until(lambda out: out.count(b"\n") >= len(EXPECTED) + (0 if "--json" in tool_args else 2),
                         "four calls")
    finally:
        snoop.stop()
        child.kill()
    return child.pid, snoop.out


def test_reports_uid_changes_and_a_refusal():
    pid, out = run_child(ready=b"ARGS (RET)")
    lines = out.splitlines()
    assert lines[0] == b"Tracing setuid(2) family syscalls. Hit Ctrl-C to end."
    rows = [l.split(None, 5) for l in lines[2:]]
    assert all(int(r[1]) == pid and r[2] == b"python3" and r[3] == b"0" for r in rows), out
    assert [(r[4].decode(), r[5].decode()) for r in rows] == [
        ("setfsuid", "uid=12345 (prevuid=0)"), ("setresuid", "ruid=-1 euid=23456 suid=-1 (0)"),
        ("setuid", "uid=34567 (-1)"), ("setreuid", "ruid=-1 euid=0 (0)")]


def test_json_carries_the_same_values():
    pid, out = run_child("--json", ready=b"Tracing setuid")
    records = [json.loads(l) for l in out.splitlines()]
    assert [(r["syscall"], r["args"], r["ret"]) for r in records] == EXPECTED
    assert all(r["pid"] == pid and r["uid"] == 0 and r["comm"] == "python3" for r in records)
