"""tracekit execsnoop reports an exec the test makes, with the right PID, PPID and args."""

import json
import os
import subprocess
import time

from support.processes import TIMEOUT_SCALE, tool


def exec_marker(*extra):
    marker = "tk-marker-%d" % os.getpid()
    child = subprocess.Popen(["/bin/echo", marker] + list(extra), stdout=subprocess.DEVNULL)
    child.wait()
    return marker, child.pid


def test_reports_marker_exec():
    snoop = tool("execsnoop")
    try:
        snoop.wait_for(b"PCOMM")
        marker, pid = exec_marker("second-arg")
        out = snoop.wait_for(marker.encode())
    finally:
        snoop.stop()
    line = [l for l in out.splitlines() if marker.encode() in l][0].split()
    assert line[0] == b"echo"
    assert int(line[1]) == pid
    assert int(line[2]) == os.getpid()
    assert int(line[3]) == 0
    assert line[4:] == [b"/bin/echo", marker.encode(), b"second-arg"]


def test_failed_exec_only_with_x():
    snoop = tool("execsnoop", "-x")
    try:
        snoop.wait_for(b"PCOMM")
        missing = "/nonexistent/tk-missing-%d" % os.getpid()
        try:
            subprocess.run([missing])
        except OSError:
            pass
        out = snoop.wait_for(missing.encode())
    finally:
        snoop.stop()
    line = [l for l in out.splitlines() if missing.encode() in l][0].split()
    assert int(line[3]) == -2  # ENOENT


def test_json_carries_the_same_values():
    snoop = tool("execsnoop", "--json", "-T")
    try:
        # JSON mode prints no header: exec markers until one shows up, then check the last.
        deadline = time.time() + 60 * TIMEOUT_SCALE
        marker = pid = None
        while time.time() < deadline:
            marker, pid = exec_marker()
            try:
                snoop.wait_for(marker.encode(), timeout=1)
                break
            except AssertionError:
                continue
    finally:
        snoop.stop()
    records = [json.loads(l) for l in snoop.out.splitlines() if marker.encode() in l]
    assert records[0]["pid"] == pid
    assert records[0]["ppid"] == os.getpid()
    assert records[0]["args"] == "/bin/echo " + marker
    assert records[0]["pcomm"] == "echo"
    assert len(records[0]["time"]) == 8
