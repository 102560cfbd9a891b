"""tracekit bashreadline shows a command typed into an interactive bash on a pseudo-terminal."""

import json
import os
import pty
import subprocess
import time

from support.processes import TIMEOUT_SCALE, tool


def type_into_bash(line):
    """Runs an interactive bash on a new pty, types `line` and exit; returns bash's pid."""
    master, slave = pty.openpty()
    env = {"PATH": "/usr/bin:/bin", "TERM": "dumb", "HOME": "/tmp", "PS1": "$ "}
    bash = subprocess.Popen(["/bin/bash", "--norc", "--noprofile", "-i"], stdin=slave, stdout=slave, stderr=slave,
                            env=env, start_new_session=True)
    os.close(slave)
    try:
        seen = b""
        deadline = time.time() + 30 * TIMEOUT_SCALE
        while b"$ " not in seen and time.time() < deadline:  # the prompt: readline() waits
            seen += os.read(master, 4096)
        os.write(master, line.encode() + b"\n")
        os.write(master, b"exit\n")
        bash.wait(30 * TIMEOUT_SCALE)
    finally:
        bash.kill()
        os.close(master)
    return bash.pid


def test_shows_the_typed_command():
    marker = "echo tk_readline_%d" % os.getpid()
    readline = tool("bashreadline")
    try:
        readline.wait_for(b"COMMAND")
        pid = type_into_bash(marker)
        readline.wait_for(marker.encode())
    finally:
        readline.stop()
    rows = [l.split(None, 2) for l in readline.out.decode().splitlines()[1:]]
    mine = [r for r in rows if int(r[1]) == pid]
    assert [r[2] for r in mine] == [marker, "exit"]
    assert all(len(r[0]) == 8 and r[0].count(":") == 2 for r in mine)


def test_json_has_pid_and_command():
    marker = "echo tk_readline_json_%d" % os.getpid()
    readline = tool("bashreadline", "--json")
    try:
        readline.wait_for(b"Tracing bash commands", stderr=True)
        pid = type_into_bash(marker)
        readline.wait_for(marker.encode())
    finally:
        readline.stop()
    records = [json.loads(l) for l in readline.out.decode().splitlines()]
    assert [r["command"] for r in records if r["pid"] == pid][:1] == [marker]
