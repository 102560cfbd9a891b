"""tracekit runqlat histograms the wakeups of a process that sleeps and wakes 200 times."""

from histograms import json_sections, sections, total
from support.processes import summary_around_workload

READY = b"Hit Ctrl-C to end"
SLEEPER = "import sys, time\nsys.stdin.read(1)\nfor _ in range(200):\n    time.sleep(0.002)\n"


def test_counts_wakeups_of_one_process():
    _pid, lat = summary_around_workload("runqlat", SLEEPER, "-p", "{pid}", ready=READY)
    assert b"usecs" in lat.out
    assert total(lat.out) >= 200


def test_per_pid_sections():
    pid, lat = summary_around_workload("runqlat", SLEEPER, "-P", "-m", ready=READY)
    hist = sections(lat.out)
    assert str(pid).encode() in hist
    assert sum(hist[str(pid).encode()].values()) >= 200


def test_json_per_pid_histogram_counts_the_wakeups():
    pid, lat = summary_around_workload("runqlat", SLEEPER, "--json", "-P", "-p", "{pid}", ready=READY)
    hist = json_sections(lat.out)
    assert list(hist) == [pid], lat.out
    assert sum(hist[pid].values()) >= 200
    assert all(low <= high for low, high in hist[pid])
