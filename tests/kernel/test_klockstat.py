"""tracekit klockstat reports a kernel mutex wait a test program makes on purpose: thread A
holds a pipe's mutex inside pipe_write() while userfaultfd holds back the page it copies from,
thread B write()s to the same pipe and waits 200 ms for that mutex. Text and JSON show that
wait under pipe_write, -c filters callers; with kprobes (the guest) A's hold shows too."""

import json
import re
import signal

from support.build import Target, pipe_contention
from support.processes import tool

WAIT_MS = 200
PIPE_WRITE = re.compile(r"^(anon_)?pipe_write\+0x[0-9a-f]+$")
ROW = re.compile(r"^ *(\S+) +(\d+) +(\d+) +(\d+) +(\d+)$")


def tables(out):
    """{"Spin": [[caller, avg, count, max, total, [frames under it]]], "Hold": [...]}."""
    found = {}
    current = None
    for line in out.decode().splitlines():
        header = re.match(r"^ +Caller +Avg (Spin|Hold) +Count", line)
        if header:
            current = found.setdefault(header.group(1), [])
        elif current is not None and ROW.match(line):
            caller, *numbers = ROW.match(line).groups()
            current.append([caller] + [int(n) for n in numbers] + [[]])
        elif current and line.strip():
            current[-1][-1].append(line.strip())
    return found


def adds_up(avg, count, largest, total):
    return count > 0 and avg == total // count and avg <= largest <= total


def test_reports_a_pipe_mutex_wait():
    with Target([pipe_contention(), str(WAIT_MS)]) as target:
        pid = str(target.pid)
        stacked = tool("klockstat", "-p", pid, "-s", "2")
        others = []
        try:
            stacked.wait_for(b"Hit Ctrl-C to end.")  # compiled once: the others start from the cache
            others = [tool("klockstat", "-p", pid, "-c", "pipe_read"), tool("klockstat", "-p", pid, "--json")]
            others[0].wait_for(b"Hit Ctrl-C to end.")
            others[1].wait_for(b"Hit Ctrl-C to end.", stderr=True)
            assert target.command("go").startswith("done ")
            for t in [stacked] + others:
                t.stop(signal.SIGINT)
        finally:
            for t in [stacked] + others:
                t.stop()
    found = tables(stacked.out)
    spin = [r for r in found["Spin"] if PIPE_WRITE.match(r[0])]
    assert len(spin) == 1, stacked.out
    caller, avg, count, largest, total, frames = spin[0]
    assert adds_up(avg, count, largest, total) and len(frames) == 1  # -s 2: one frame under the caller
    assert WAIT_MS * 1e6 <= largest < 10e9
    holds = "Hold" in found
    if holds:  # kprobes: every mutex_lock (A's too) and A's hold across the fault
        assert count >= 2
        hold = [r for r in found["Hold"] if PIPE_WRITE.match(r[0])]
        assert len(hold) == 1 and adds_up(*hold[0][1:5]) and hold[0][3] >= WAIT_MS * 1e6
    else:  # lock:contention_*: only B's wait
        assert b"no hold times" in stacked.out
        assert count == 1 and avg == largest == total
    # -c pipe_read: only callers named so (the target reads its stdin pipe: with kprobes, where
    # every mutex_lock counts, that shows; contention tracepoints see no wait there)
    read_rows = tables(others[0].out)["Spin"]
    assert all("pipe_read+" in r[0] for r in read_rows) and (holds or read_rows == [])
    record = json.loads(others[1].out.splitlines()[-1])
    assert ("hold" in record) == ("Hold" in found)
    mine = [r for r in record["acquire"] if PIPE_WRITE.match(r["caller"])]
    assert len(mine) == 1 and mine[0]["stack"] == [mine[0]["caller"]]
    assert adds_up(mine[0]["avg"], mine[0]["count"], mine[0]["max"], mine[0]["total"])
    assert mine[0]["max"] >= WAIT_MS * 1e6
