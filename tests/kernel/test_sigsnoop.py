"""tracekit sigsnoop reports the signals the test sends: sender, signal, target and the kernel's
result (delivered, ignored), or with -k the kill syscalls' return values."""

import json
import os
import signal
import subprocess
import threading

from support.processes import tool


def rows_from_me(out):
    """(sig, tpid, result) of the rows (text) whose sender is this process, in order."""
    rows = [l.split() for l in out.splitlines()[1:] if l.strip()]
    assert all(int(r[1]) == os.getpid() and r[2].startswith(b"python") for r in rows), out
    return [(r[3].decode(), int(r[4]), int(r[5])) for r in rows]


def records(out):
    return [json.loads(l) for l in out.splitlines()]


def send_delivered_and_ignored(snoop, count_rows, stderr=False):
    """SIGUSR1 to one sleeper (delivered), SIGWINCH to another (ignored: its default action),
    then SIGUSR2 to the second; waits until the tool shows three rows."""
    first = subprocess.Popen(["/bin/sleep", "30"])
    second = subprocess.Popen(["/bin/sleep", "30"])
    try:
        snoop.wait_for(b"RESULT" if not stderr else b"Tracing signals", stderr=stderr)
        os.kill(first.pid, signal.SIGUSR1)
        os.kill(second.pid, signal.SIGWINCH)
        os.kill(second.pid, signal.SIGUSR2)
        first.wait()
        second.wait()
        snoop.wait_until(lambda out: count_rows(out) >= 3, "three signals")
    finally:
        snoop.stop()
        first.kill()
        second.kill()
    return first.pid, second.pid


def test_reports_delivered_and_ignored_signals():
    snoop = tool("sigsnoop", "-p", str(os.getpid()))
    first, second = send_delivered_and_ignored(snoop, lambda out: len(rows_from_me(out)))
    assert rows_from_me(snoop.out) == [("10", first, 0), ("28", second, 1), ("12", second, 0)]


def test_failed_only_with_names():
    snoop = tool("sigsnoop", "-x", "-n", "-s", "URG", "-p", str(os.getpid()))
    sleeper = subprocess.Popen(["/bin/sleep", "30"])
    try:
        snoop.wait_for(b"RESULT")
        os.kill(sleeper.pid, signal.SIGUSR1)  # delivered: not a failure
        sleeper.wait()
        ignoring = subprocess.Popen(["/bin/sleep", "30"])
        os.kill(ignoring.pid, signal.SIGURG)  # ignored by default: result 1
        ignoring.kill()
        ignoring.wait()
        snoop.wait_for(b"SIGURG")
    finally:
        snoop.stop()
        sleeper.kill()
    assert rows_from_me(snoop.out) == [("SIGURG", ignoring.pid, 1)]


def test_kill_syscalls_with_return_values():
    snoop = tool("sigsnoop", "-k", "-p", str(os.getpid()))
    sleeper = subprocess.Popen(["/bin/sleep", "30"])
    try:
        snoop.wait_for(b"RESULT")
        os.kill(sleeper.pid, signal.SIGTERM)             # kill(): 0
        sleeper.wait()
        try:
            os.kill(sleeper.pid, signal.SIGTERM)         # reaped: -ESRCH
        except ProcessLookupError:
            pass
        signal.pthread_kill(threading.get_ident(), 0)    # tgkill() on this (main) thread
        snoop.wait_until(lambda out: len(rows_from_me(out)) >= 3, "three kill syscalls")
    finally:
        snoop.stop()
        sleeper.kill()
    assert rows_from_me(snoop.out) == [("15", sleeper.pid, 0), ("15", sleeper.pid, -3), ("0", os.getpid(), 0)]


def test_json_carries_the_same_values():
    snoop = tool("sigsnoop", "--json", "-p", str(os.getpid()))
    first, second = send_delivered_and_ignored(snoop, lambda out: len(records(out)), stderr=True)
    mine = records(snoop.out)
    assert [(r["sig"], r["tpid"], r["result"]) for r in mine] == [(10, first, 0), (28, second, 1), (12, second, 0)]
    assert all(r["pid"] == os.getpid() and r["comm"].startswith("python") for r in mine)
