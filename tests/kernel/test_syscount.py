"""tracekit syscount counts a chosen syscall made a known number of times."""

import json
import signal
import subprocess

from support.processes import tool

CALLER = "import os, sys\nsys.stdin.read(1)\nfor _ in range(777):\n    os.getppid()\n"


def test_counts_getppid_calls_of_one_process():
    caller = subprocess.Popen(["/usr/bin/python3", "-c", CALLER], stdin=subprocess.PIPE)
    count = tool("syscount", "-p", str(caller.pid), "-L")
    try:
        count.wait_for(b"Ctrl+C to quit")
        caller.communicate(b"g")
        count.stop(signal.SIGINT)
    finally:
        count.stop()
        caller.kill()
    rows = {l.split()[0]: l.split()[1:] for l in count.out.splitlines() if l.strip()}
    assert int(rows[b"getppid"][0]) == 777
    assert float(rows[b"getppid"][1]) > 0


def test_failed_syscalls_by_errno():
    caller = subprocess.Popen(["/usr/bin/python3", "-c",
                               "import os, sys\nsys.stdin.read(1)\nfor _ in range(50):\n"
                               "    try: os.stat('/nonexistent/tk')\n    except OSError: pass\n"],
                              stdin=subprocess.PIPE)
    count = tool("syscount", "-p", str(caller.pid), "-e", "ENOENT")
    try:
        count.wait_for(b"Ctrl+C to quit")
        caller.communicate(b"g")
        count.stop(signal.SIGINT)
    finally:
        count.stop()
        caller.kill()
    rows = {l.split()[0]: int(l.split()[1]) for l in count.out.splitlines()
            if l.strip() and l.split()[-1].isdigit() and not l.startswith(b"SYSCALL")}
    stat_calls = {k: v for k, v in rows.items() if b"stat" in k}
    assert sum(stat_calls.values()) >= 50, rows


def test_list_shows_this_kernels_syscalls():
    out = subprocess.run(["/usr/bin/python3", "tools/syscount", "-l"], capture_output=True)
    names = out.stdout.split()
    assert b"openat" in names and b"getppid" in names and b"io_uring_setup" in names


def test_json_rows_carry_name_count_and_time():
    caller = subprocess.Popen(["/usr/bin/python3", "-c", CALLER], stdin=subprocess.PIPE)
    count = tool("syscount", "--json", "-p", str(caller.pid), "-L")
    try:
        count.wait_for(b"Ctrl+C to quit", stderr=True)  # with JSON, the banner is on stderr
        caller.communicate(b"g")
        count.stop(signal.SIGINT)
    finally:
        count.stop()
        caller.kill()
    records = [json.loads(l) for l in count.out.splitlines() if l.strip()]  # stdout holds only JSON
    rows = {r["syscall"]: r for r in records}
    assert rows["getppid"]["count"] == 777, records
    assert rows["getppid"]["time"] > 0
