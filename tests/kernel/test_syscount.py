"""tracekit syscount counts a chosen syscall made a known number of times."""

import json
import subprocess

from support.processes import summary_around_workload

READY = b"Ctrl+C to quit"
CALLER = "import os, sys\nsys.stdin.read(1)\nfor _ in range(777):\n    os.getppid()\n"


def test_counts_getppid_calls_of_one_process():
    _pid, count = summary_around_workload("syscount", CALLER, "-p", "{pid}", "-L", ready=READY)
    rows = {l.split()[0]: l.split()[1:] for l in count.out.splitlines() if l.strip()}
    assert int(rows[b"getppid"][0]) == 777
    assert float(rows[b"getppid"][1]) > 0


def test_failed_syscalls_by_errno():
    failing = ("import os, sys\nsys.stdin.read(1)\nfor _ in range(50):\n"
               "    try: os.stat('/nonexistent/tk')\n    except OSError: pass\n")
    _pid, count = summary_around_workload("syscount", failing, "-p", "{pid}", "-e", "ENOENT", ready=READY)
    rows = {l.split()[0]: int(l.split()[1]) for l in count.out.splitlines()
            if l.strip() and l.split()[-1].isdigit() and not l.startswith(b"SYSCALL")}
    stat_calls = {k: v for k, v in rows.items() if b"stat" in k}
    assert sum(stat_calls.values()) >= 50, rows


def test_list_shows_this_kernels_syscalls():
    out = subprocess.run(["/usr/bin/python3", "tools/syscount", "-l"], capture_output=True)
    names = out.stdout.split()
    assert b"openat" in names and b"getppid" in names and b"io_uring_setup" in names


def test_json_rows_carry_name_count_and_time():
    _pid, count = summary_around_workload("syscount", CALLER, "--json", "-p", "{pid}", "-L", ready=READY)
    records = [json.loads(l) for l in count.out.splitlines() if l.strip()]  # stdout holds only JSON
    rows = {r["syscall"]: r for r in records}
    assert rows["getppid"]["count"] == 777, records
    assert rows["getppid"]["time"] > 0
