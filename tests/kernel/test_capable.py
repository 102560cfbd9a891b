"""tracekit capable reports the capability checks of a child (root) that chowns a file
(CAP_CHOWN), drops to uid 4321 with setuid() (CAP_SETUID, a setid check), then tries to chown
again (CAP_CHOWN, refused). Where kprobes exist (the guest) AUDIT and INSETID come from
cap_capable()'s options; on this host's tracepoint they are unknown and JSON has the verdict."""

import json
import subprocess
import tempfile

from support.processes import PYTHON, tool

CHILD = """
import os, sys
path = sys.argv[1]
sys.stdin.read(1)
os.chown(path, 4321, -1)
os.setuid(4321)
try:
    os.chown(path, 5555, -1)
except PermissionError:
    pass
"""


def collapse_repeats(items, key=lambda row: row[1:]):
    out = []
    for item in items:
        if not out or key(out[-1]) != key(item):
            out.append(item)
    return out


def test_reports_the_checks_with_uid_and_options():
    with tempfile.NamedTemporaryFile(prefix="tk-capable-") as f:
        child = subprocess.Popen([PYTHON, "-c", CHILD, f.name], stdin=subprocess.PIPE)
        text = tool("capable", "-x", "-p", str(child.pid))
        as_json = None
        try:
            text.wait_for(b"INSETID")
            as_json = tool("capable", "-p", str(child.pid), "--json")
            as_json.wait_for(b"Tracing capability checks", stderr=True)
            child.communicate(b"g")
            assert child.returncode == 0
            text.wait_until(lambda out: out.count(b"CAP_") >= 3, "three checks")
            as_json.wait_until(lambda out: out.count(b"CAP_") >= 3, "three checks")
        finally:
            text.stop()
            if as_json:
                as_json.stop()
            child.kill()
    kprobes = b"no kprobes" not in text.out
    # Kernels differ in how many times one call checks (6.1's chown checks CAP_CHOWN twice):
    # compare the sequence of checks, each repeat counted once.
    rows = collapse_repeats([l.split() for l in text.out.splitlines() if b"CAP_" in l])
    assert all(r[2] == r[3] == b"%d" % child.pid and r[4] == b"python3" for r in rows), text.out
    if kprobes:  # audited checks; chown is not a setid check, setuid is
        expected = [(b"0", b"0", b"CAP_CHOWN", b"1", b"0"), (b"0", b"7", b"CAP_SETUID", b"1", b"1"),
                    (b"4321", b"0", b"CAP_CHOWN", b"1", b"0")]
    else:
        expected = [(b"0", b"0", b"CAP_CHOWN", b"-", b"-"), (b"0", b"7", b"CAP_SETUID", b"-", b"-"),
                    (b"4321", b"0", b"CAP_CHOWN", b"-", b"-")]
    assert [(r[1], r[5], r[6], r[7], r[8]) for r in rows] == expected
    records = collapse_repeats([json.loads(l) for l in as_json.out.splitlines()], key=lambda r: (r["uid"], r["cap"]))
    assert [(r["uid"], r["cap"], r["name"]) for r in records] == [(0, 0, "CAP_CHOWN"), (0, 7, "CAP_SETUID"),
                                                                  (4321, 0, "CAP_CHOWN")]
    assert all(r["pid"] == r["tid"] == child.pid for r in records)
    if kprobes:
        assert [(r["audit"], r["insetid"]) for r in records] == [(1, 0), (1, 1), (1, 0)]
    else:
        assert [(r["audit"], r["insetid"], r["ret"]) for r in records] == [(None, None, 0), (None, None, 0),
                                                                         (None, None, -1)]
