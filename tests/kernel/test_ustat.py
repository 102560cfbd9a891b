"""tracekit ustat counts a Python workload's collections and imports among every runtime
process on the machine, per interval, and shows each runtime process."""

import os
import tempfile

from runtime_workloads import json_lines, start
from support.processes import tool


def test_python_gc_and_imports_json():
    with tempfile.TemporaryDirectory() as modules:
        for name in ("tk_ustat_a_%d" % os.getpid(), "tk_ustat_b_%d" % os.getpid()):
            with open(os.path.join(modules, name + ".py"), "w") as f:
                f.write("VALUE = 1\n")
        with start("python", env={"PYTHONPATH": modules}) as python:
            ustat = tool("ustat", "-l", "python", "--json", "1", "3")
            try:
                ustat.wait_for(b"Tracing", stderr=True)
                for command in ["gc 1", "gc 1", "gc 1", "import tk_ustat_a_%d" % os.getpid(),
                                "import tk_ustat_b_%d" % os.getpid()]:
                    python.do(command)
                ustat.proc.wait(30)  # its three screens: the last one after the commands
            finally:
                ustat.stop()
    screens = json_lines(ustat.out)
    mine = [row for screen in screens for row in screen["rows"] if row["pid"] == python.pid]
    assert mine and all(row["cmdline"].startswith("/usr/bin/python3 ") for row in mine)
    assert sum(row["gc"] for row in mine) == 3
    assert sum(row["cload"] for row in mine) == 2
    assert {"time", "loadavg", "rows"} <= set(screens[0])
