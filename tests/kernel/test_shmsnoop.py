"""tracekit shmsnoop reports a child's shmget, shmat, shmdt and shmctl calls with their
arguments, the segment id and address they returned, and a failure's errno."""

import json
import subprocess

from support.processes import PYTHON, tool

# Waits for a byte, then creates a private segment, attaches, detaches and removes it, and
# removes it again (EINVAL); prints the segment id and the address it was attached at.
CHILD = """
import ctypes, sys
libc = ctypes.CDLL(None)
libc.shmat.restype = ctypes.c_void_p
sys.stdin.read(1)
shmid = libc.shmget(0, 8192, 0o1600)
addr = libc.shmat(shmid, None, 0o10000)
libc.shmdt(ctypes.c_void_p(addr))
libc.shmctl(shmid, 0, None)
libc.shmctl(shmid, 0, None)
print(shmid, addr)
"""


def run_child(*tool_args, ready, stderr=False):
    child = subprocess.Popen([PYTHON, "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    snoop = tool("shmsnoop", "-p", str(child.pid), *tool_args)
    try:
        snoop.wait_for(ready, stderr=stderr)
        shmid, addr = map(int, child.communicate(b"g")[0].split())
        snoop.wait_until(lambda out: out.count(b"SHMCTL") == 2 or out.count(b'"SHMCTL"') == 2, "two shmctl calls")
    finally:
        snoop.stop()
        child.kill()
    return child.pid, shmid, addr, snoop.out


def test_reports_each_call_with_arguments_and_result():
    pid, shmid, addr, out = run_child("-T", "-n", "pyth", ready=b"ARGs")
    lines = out.splitlines()
    assert lines[0].split() == [b"TIME(s)", b"PID", b"COMM", b"SYS", b"RET", b"ARGs"]
    rows = [l.split(None, 5) for l in lines[1:]]
    assert all(int(r[1]) == pid and r[2] == b"python3" for r in rows), out
    assert float(rows[0][0]) == 0 and all(0 <= float(r[0]) < 5 for r in rows)
    assert [(r[3], r[4], r[5]) for r in rows] == [
        (b"SHMGET", b"%x" % shmid, b"key: 0x0, size: 8192, shmflg: 0x380 (IPC_CREAT|0600)"),
        (b"SHMAT", b"%x" % addr, b"shmid: 0x%x, shmaddr: 0x0, shmflg: 0x1000 (SHM_RDONLY)" % shmid),
        (b"SHMDT", b"0", b"shmaddr: 0x%x" % addr),
        (b"SHMCTL", b"0", b"shmid: 0x%x, cmd: 0, buf: 0x0" % shmid),
        (b"SHMCTL", b"-22", b"shmid: 0x%x, cmd: 0, buf: 0x0" % shmid)]


def test_json_carries_the_same_values():
    pid, shmid, addr, out = run_child("--json", ready=b"Tracing shm", stderr=True)
    records = [json.loads(l) for l in out.splitlines()]
    assert all(r["pid"] == pid and r["tid"] == pid and r["comm"] == "python3" for r in records)
    assert [(r["sys"], r["ret"], r["args"]) for r in records] == [
        ("SHMGET", shmid, {"key": 0, "size": 8192, "shmflg": 0o1600}),
        ("SHMAT", addr, {"shmid": shmid, "shmaddr": 0, "shmflg": 0o10000}),
        ("SHMDT", 0, {"shmaddr": addr}),
        ("SHMCTL", 0, {"shmid": shmid, "cmd": 0, "buf": 0}),
        ("SHMCTL", -22, {"shmid": shmid, "cmd": 0, "buf": 0})]
