"""tracekit killsnoop reports a kill the test sends, with signal, target and result."""

import os
import signal
import subprocess

from support.processes import tool


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
