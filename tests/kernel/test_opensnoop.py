"""tracekit opensnoop reports the opens the test makes: pid, comm, fd, error and path."""

import json
import os

from support.processes import tool


def marker_path(tmp_path, name="tk-open-marker"):
    return str(tmp_path / ("%s-%d" % (name, os.getpid())))


def test_reports_marker_open_with_fd(tmp_path):
    path = marker_path(tmp_path)
    snoop = tool("opensnoop", "-e")
    try:
        snoop.wait_for(b"PATH")
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
        out = snoop.wait_for(path.encode())
    finally:
        snoop.stop()
    line = [l for l in out.splitlines() if path.encode() in l][0].split()
    pid, comm, got_fd, err, flags = int(line[0]), line[1], int(line[2]), int(line[3]), int(line[4], 8)
    assert (pid, got_fd, err) == (os.getpid(), fd, 0)
    assert comm.startswith(b"python")
    assert flags & os.O_CREAT and flags & os.O_WRONLY


def test_failed_open_shows_errno_and_only_with_x(tmp_path):
    missing = marker_path(tmp_path, "tk-missing")
    snoop = tool("opensnoop", "-x", "-p", str(os.getpid()))
    try:
        snoop.wait_for(b"PATH")
        ok = os.open(__file__, os.O_RDONLY)
        os.close(ok)
        try:
            os.open(missing, os.O_RDONLY)
        except FileNotFoundError:
            pass
        out = snoop.wait_for(missing.encode())
    finally:
        snoop.stop()
    lines = [l.split() for l in out.splitlines()[1:] if l.strip()]
    assert all(int(l[2]) == -1 for l in lines), lines  # -x: failures only
    mine = [l for l in lines if l[-1] == missing.encode()][0]
    assert int(mine[3]) == 2  # ENOENT


def test_json_has_the_same_values(tmp_path):
    path = marker_path(tmp_path, "tk-json")
    snoop = tool("opensnoop", "--json", "-p", str(os.getpid()))
    try:
        import time
        deadline = time.time() + 60
        while time.time() < deadline:  # no header in JSON mode: open until it shows
            os.close(os.open(path, os.O_CREAT | os.O_RDONLY, 0o600))
            try:
                snoop.wait_for(path.encode(), timeout=1)
                break
            except AssertionError:
                continue
    finally:
        snoop.stop()
    record = [json.loads(l) for l in snoop.out.splitlines() if path.encode() in l][0]
    assert record["pid"] == os.getpid() and record["err"] == 0 and record["fd"] >= 0
    assert record["path"] == path
