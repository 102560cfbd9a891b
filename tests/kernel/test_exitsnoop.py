"""tracekit exitsnoop reports exits with their code, and fatal signals by name."""

import json
import os
import signal
import subprocess
import time

from support.processes import TIMEOUT_SCALE, tool


def test_reports_exit_code_and_signal():
    snoop = tool("exitsnoop")
    try:
        snoop.wait_for(b"PCOMM")
        code = subprocess.Popen(["/bin/sh", "-c", "exit 7"])
        code.wait()
        sleeper = subprocess.Popen(["/bin/sleep", "30"])
        time.sleep(0.2)
        sleeper.send_signal(signal.SIGUSR1)
        sleeper.wait()
        snoop.wait_for(b"signal 10 (USR1)")
        out = snoop.wait_for(b" 7\n")
    finally:
        snoop.stop()
    rows = {int(l.split()[1]): l for l in out.splitlines()[1:] if l.strip()}
    assert rows[code.pid].split()[0] == b"sh"
    assert rows[code.pid].split()[2] == str(os.getpid()).encode()
    assert rows[code.pid].endswith(b" 7")
    assert rows[sleeper.pid].split()[0] == b"sleep"
    assert rows[sleeper.pid].endswith(b"signal 10 (USR1)")
    age = float(rows[sleeper.pid].split()[4])
    assert 0.1 < age < 30


def test_failed_only():
    snoop = tool("exitsnoop", "-x")
    try:
        snoop.wait_for(b"PCOMM")
        ok = subprocess.Popen(["/bin/true"])
        ok.wait()
        bad = subprocess.Popen(["/bin/false"])
        bad.wait()
        out = snoop.wait_for(b"false")
    finally:
        snoop.stop()
    pids = [int(l.split()[1]) for l in out.splitlines()[1:] if l.strip()]
    assert bad.pid in pids and ok.pid not in pids


def test_json_carries_exit_code_and_signal():
    snoop = tool("exitsnoop", "--json")
    try:
        # JSON mode prints no header: exit with a code until one exit shows.
        deadline = time.time() + 60 * TIMEOUT_SCALE
        while time.time() < deadline:
            code = subprocess.Popen(["/bin/sh", "-c", "exit 7"])
            code.wait()
            try:
                snoop.wait_for(b'"pid": %d,' % code.pid, timeout=1)
                break
            except AssertionError:
                continue
        sleeper = subprocess.Popen(["/bin/sleep", "30"])
        time.sleep(0.2)
        sleeper.send_signal(signal.SIGUSR1)
        sleeper.wait()
        snoop.wait_for(b'"pid": %d,' % sleeper.pid)
    finally:
        snoop.stop()
    records = {r["pid"]: r for r in map(json.loads, snoop.out.splitlines())}
    assert (records[code.pid]["pcomm"], records[code.pid]["ppid"]) == ("sh", os.getpid())
    assert records[code.pid]["exit_code"] == "7"
    assert records[sleeper.pid]["pcomm"] == "sleep"
    assert records[sleeper.pid]["exit_code"] == "signal 10 (USR1)"
    assert 0.1 < records[sleeper.pid]["age"] < 30
