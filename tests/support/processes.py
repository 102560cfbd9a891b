"""Helpers to run tools and scripts under test and wait for what they print."""

import os
import select
import signal
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOLS = os.path.join(ROOT, "tools")
PYTHON = "/usr/bin/python3"
# The vmtest guest emulates its CPU (20-35x slower): in_guest.sh scales every wait.
TIMEOUT_SCALE = float(os.environ.get("TRACEKIT_TEST_TIMEOUT_SCALE", "1"))


class Background:
    """A process whose output is collected while the test generates a workload."""

    def __init__(self, argv, env=None):
        merged = dict(os.environ, PYTHONUNBUFFERED="1")
        merged.update(env or {})
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=merged)
        self.out = b""
        self.err = b""
        self._stopped = False

    def _read_available(self, timeout):
        streams = [s for s in (self.proc.stdout, self.proc.stderr) if s is not None]
        ready, _, _ = select.select(streams, [], [], timeout)
        for s in ready:
            chunk = os.read(s.fileno(), 65536)
            if s is self.proc.stdout:
                self.out += chunk
            else:
                self.err += chunk
        return bool(ready)

    def wait_for(self, needle, timeout=60, stderr=False):
        """Reads output until `needle` (bytes) appears on stdout (or stderr); fails on exit or
        timeout."""
        deadline = time.time() + timeout * TIMEOUT_SCALE
        while needle not in (self.err if stderr else self.out):
            if time.time() > deadline:
                raise AssertionError("timed out waiting for %r\nstdout: %s\nstderr: %s" % (needle, self.out, self.err))
            if self.proc.poll() is not None and not self._read_available(0):
                raise AssertionError("process exited (%s) before printing %r\nstdout: %s\nstderr: %s"
                                     % (self.proc.returncode, needle, self.out, self.err))
            self._read_available(0.1)
        return self.out

    def wait_for_count(self, needle, count, timeout=60):
        """Reads stdout until `needle` (bytes) has appeared `count` times."""
        return self.wait_until(lambda out: out.count(needle) >= count, "%d x %r" % (count, needle), timeout)

    def wait_until(self, predicate, what, timeout=60):
        """Reads output until predicate(stdout bytes) is true (e.g. "three rows of mine");
        fails on exit or timeout, naming `what` it waited for."""
        deadline = time.time() + timeout * TIMEOUT_SCALE
        while not predicate(self.out):
            if time.time() > deadline:
                raise AssertionError("timed out waiting for %s\nstdout: %s\nstderr: %s" % (what, self.out, self.err))
            if self.proc.poll() is not None and not self._read_available(0):
                raise AssertionError("process exited (%s) before printing %s\nstdout: %s\nstderr: %s"
                                     % (self.proc.returncode, what, self.out, self.err))
            self._read_available(0.1)
        return self.out

    def stop(self, sig=signal.SIGINT, timeout=30 * TIMEOUT_SCALE):
        if self._stopped:
            # Popen.communicate() hands back everything it read again on a second call.
            return self.proc.returncode
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
        self.out += out or b""
        self.err += err or b""
        self._stopped = True
        return self.proc.returncode


def tool(name, *args, env=None):
    return Background([PYTHON, os.path.join(TOOLS, name)] + list(args), env=env)


def run_tool(name, *args, timeout=60, env=None):
    return subprocess.run([PYTHON, os.path.join(TOOLS, name)] + list(args), capture_output=True,
                          timeout=timeout, env=dict(os.environ, **env) if env else None)


def run_tool_uncompiled(name, *args, cache_dir):
    """Runs a tool with an empty object cache in `cache_dir`; returns (the finished process,
    whether it compiled a program): a tool that must refuse at once compiles nothing."""
    os.makedirs(cache_dir, exist_ok=True)
    out = run_tool(name, *args, env={"TRACEKIT_CACHE_DIR": str(cache_dir)})
    return out, bool(os.listdir(cache_dir))


def python_script(path, *args, compat=False, env=None):
    argv = [PYTHON] + (["-m", "tracekit.compat"] if compat else []) + [path] + list(args)
    return Background(argv, env=env)


def probe_events():
    """What tracefs lists as kprobe/uprobe events (should stay empty: tracekit is fd-based)."""
    out = {}
    for name in ("kprobe_events", "uprobe_events"):
        for root in ("/sys/kernel/tracing", "/sys/kernel/debug/tracing"):
            path = os.path.join(root, name)
            if os.path.exists(path):
                with open(path) as f:
                    out[name] = f.read().strip()
                break
    return out


def summary_around_workload(name, script, *args, ready):
    """Runs summary tool `name` (runqlat, syscount...) on a Python workload `script` that waits
    for one byte on stdin before it starts: the tool is started with `args`, where the string
    "{pid}" stands for the workload's pid, the workload is released once the tool shows
    `ready` (on stderr with --json, where stdout holds only records), and the tool is stopped
    with Ctrl-C. Returns (workload pid, the finished tool)."""
    workload = subprocess.Popen([PYTHON, "-c", script], stdin=subprocess.PIPE)
    summary = tool(name, *[a.replace("{pid}", str(workload.pid)) for a in args])
    try:
        summary.wait_for(ready, stderr="--json" in args)
        workload.communicate(b"g")
        summary.stop(signal.SIGINT)
    finally:
        summary.stop()
        workload.kill()
    return workload.pid, summary
