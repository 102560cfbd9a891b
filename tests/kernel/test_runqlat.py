"""tracekit runqlat histograms the wakeups of a process that sleeps and wakes 200 times."""

import subprocess
import signal

from histograms import json_sections, sections, total
from support.processes import tool

SLEEPER = "import sys, time\nsys.stdin.read(1)\nfor _ in range(200):\n    time.sleep(0.002)\n"


def test_counts_wakeups_of_one_process():
    sleeper = subprocess.Popen(["/usr/bin/python3", "-c", SLEEPER], stdin=subprocess.PIPE)
    lat = tool("runqlat", "-p", str(sleeper.pid))
    try:
        lat.wait_for(b"Hit Ctrl-C to end")
        sleeper.communicate(b"g")
        lat.stop(signal.SIGINT)
    finally:
        lat.stop()
        sleeper.kill()
    assert b"usecs" in lat.out
    assert total(lat.out) >= 200


def test_per_pid_sections():
    sleeper = subprocess.Popen(["/usr/bin/python3", "-c", SLEEPER], stdin=subprocess.PIPE)
    lat = tool("runqlat", "-P", "-m")
    try:
        lat.wait_for(b"Hit Ctrl-C to end")
        sleeper.communicate(b"g")
        lat.stop(signal.SIGINT)
    finally:
        lat.stop()
        sleeper.kill()
    hist = sections(lat.out)
    assert str(sleeper.pid).encode() in hist
    assert sum(hist[str(sleeper.pid).encode()].values()) >= 200


def test_json_per_pid_histogram_counts_the_wakeups():
    sleeper = subprocess.Popen(["/usr/bin/python3", "-c", SLEEPER], stdin=subprocess.PIPE)
    lat = tool("runqlat", "--json", "-P", "-p", str(sleeper.pid))
    try:
        lat.wait_for(b"Hit Ctrl-C to end", stderr=True)  # with JSON, the banner is on stderr
        sleeper.communicate(b"g")
        lat.stop(signal.SIGINT)
    finally:
        lat.stop()
        sleeper.kill()
    hist = json_sections(lat.out)
    assert list(hist) == [sleeper.pid], lat.out
    assert sum(hist[sleeper.pid].values()) >= 200
    assert all(low <= high for low, high in hist[sleeper.pid])
