"""tracekit killsnoop reports a kill the test sends, with signal, target and result."""

import json
import os
import signal
import subprocess
import time

from support.processes import TIMEOUT_SCALE, tool


def test_reports_signal_target_and_result():
    snoop = tool("killsnoop")
    sleeper = subprocess.Popen(["/bin/sleep", "30"])
    try:
        snoop.wait_for(b"RESULT")
        os.kill(sleeper.pid, signal.SIGUSR2)
        sleeper.wait()
        try:
            os.kill(sleeper.pid, signal.SIGTERM)  # now a zombie-free, reaped pid: ESRCH
        except ProcessLookupError:
            pass
        out = snoop.wait_for(b"-3\n")
    finally:
        snoop.stop()
        sleeper.kill()
    rows = [l.split() for l in out.splitlines()[1:] if l.strip()]
    mine = [r for r in rows if int(r[1]) == os.getpid() and int(r[4]) == sleeper.pid]
    assert [int(r[3]) for r in mine] == [signal.SIGUSR2, signal.SIGTERM]
    assert [int(r[5]) for r in mine] == [0, -3]


def test_signal_filter_by_name():
    snoop = tool("killsnoop", "-s", "USR1", "-p", str(os.getpid()))
    sleeper = subprocess.Popen(["/bin/sleep", "30"])
    try:
        snoop.wait_for(b"RESULT")
        os.kill(sleeper.pid, signal.SIGCONT)
        os.kill(sleeper.pid, signal.SIGUSR1)
        sleeper.wait()
        out = snoop.wait_for(str(sleeper.pid).encode())
    finally:
        snoop.stop()
        sleeper.kill()
    rows = [l.split() for l in out.splitlines()[1:] if l.strip()]
    assert [int(r[3]) for r in rows] == [signal.SIGUSR1]


def kill_until_shown(snoop, sig):
    """JSON mode prints no header: kill sleepers until one kill shows, so the tool is ready.
    Returns the pid of the sleeper that showed."""
    deadline = time.time() + 60 * TIMEOUT_SCALE
    while time.time() < deadline:
        sleeper = subprocess.Popen(["/bin/sleep", "30"])
        os.kill(sleeper.pid, sig)
        sleeper.wait()
        try:
            snoop.wait_for(b'"tpid": %d,' % sleeper.pid, timeout=1)
            return sleeper.pid
        except AssertionError:
            continue
    raise AssertionError("killsnoop --json never showed a kill: %r" % snoop.err)


def test_json_carries_signal_target_and_result():
    snoop = tool("killsnoop", "--json", "-p", str(os.getpid()))
    try:
        kill_until_shown(snoop, signal.SIGUSR2)
        sleeper = subprocess.Popen(["/bin/sleep", "30"])
        os.kill(sleeper.pid, signal.SIGUSR1)
        sleeper.wait()
        try:
            os.kill(sleeper.pid, signal.SIGTERM)  # reaped: ESRCH
        except ProcessLookupError:
            pass
        snoop.wait_for(b'"result": -3}')
    finally:
        snoop.stop()
    records = [json.loads(l) for l in snoop.out.splitlines()]
    mine = [r for r in records if r["tpid"] == sleeper.pid]
    assert [(r["sig"], r["result"]) for r in mine] == [(signal.SIGUSR1, 0), (signal.SIGTERM, -3)]
    assert all(r["pid"] == os.getpid() and r["comm"].startswith("python") for r in mine)
