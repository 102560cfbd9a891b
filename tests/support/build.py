"""Builds the C test programs of tests/fixtures once per test session, into a temporary
directory, and starts them in ways tests need (in another mount namespace, ...)."""

import atexit
import os
import shutil
import subprocess
import tempfile

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures")
_dir = None
_built = {}


def build_dir():
    global _dir
    if _dir is None:
        _dir = tempfile.mkdtemp(prefix="tracekit-fixtures-")
        atexit.register(shutil.rmtree, _dir, True)
    return _dir


def sdt_header_missing():
    """Why USDT fixtures cannot be built here, or None."""
    for d in ("/usr/include", "/usr/include/x86_64-linux-gnu"):
        if os.path.exists(os.path.join(d, "sys", "sdt.h")):
            return None
    return "<sys/sdt.h> is missing (Debian package systemtap-sdt-dev)"


def gcc(output, sources, flags=()):
    if output not in _built:
        out = os.path.join(build_dir(), output)
        subprocess.run(["gcc"] + list(flags) + ["-o", out] + [os.path.join(FIXTURES, s) for s in sources], check=True)
        _built[output] = out
    return _built[output]


def usdt_library():
    return gcc("libtkusdt.so", ["usdt_lib.c"], ["-O2", "-fPIC", "-shared"])


def usdt_target(optimise=True, with_library=True):
    """The USDT target (tests/fixtures/usdt_target.c): -O2 keeps arguments in registers and
    globals RIP-relative; -O0 puts them in memory on the stack."""
    name = "usdt_%s%s" % ("O2" if optimise else "O0", "_lib" if with_library else "")
    flags = ["-O2" if optimise else "-O0"]
    sources = ["usdt_target.c", "usdt_sema.c"]
    if not with_library:
        return gcc(name, sources, flags)
    usdt_library()
    if name not in _built:
        out = os.path.join(build_dir(), name)
        subprocess.run(["gcc"] + flags + ["-DTK_WITH_LIB", "-o", out] + [os.path.join(FIXTURES, s) for s in sources] +
                       ["-L", build_dir(), "-ltkusdt", "-Wl,-rpath," + build_dir()], check=True)
        _built[name] = out
    return _built[name]


def uprobe_loop(pie=True):
    """tests/fixtures/uprobe_loop.c as a PIE or a fixed-address executable."""
    return gcc("uprobe_loop_%s" % ("pie" if pie else "nopie"), ["uprobe_loop.c"],
               ["-O1", "-fPIE", "-pie"] if pie else ["-O1", "-fno-pie", "-no-pie"])


class Target:
    """A fixture program that prints "ready <pid>" then reads commands from stdin."""

    def __init__(self, argv, cwd=None):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd)
        line = self.proc.stdout.readline()
        if not line.startswith(b"ready"):
            self.proc.kill()
            raise AssertionError("fixture did not start: %r" % line)
        self.pid = int(line.split()[1])

    def command(self, text):
        """Sends one line; returns the line the program answers."""
        self.proc.stdin.write(text.encode() + b"\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().decode().strip()

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def in_private_mount_namespace(binary, mountpoint):
    """argv running `binary` from a tmpfs on `mountpoint` that only a new mount namespace
    sees (the path is an empty directory for everyone else)."""
    inner = os.path.join(mountpoint, os.path.basename(binary))
    script = 'mount -t tmpfs tracekit-test "$1" && cp "$2" "$3" && exec "$3"'
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", mountpoint, binary, inner]


def bpf_holder():
    """tests/fixtures/bpf_holder.c: holds argv[1] BPF maps and argv[2] programs open."""
    return gcc("bpf_holder", ["bpf_holder.c"], ["-O1"])


def leaky():
    """tests/fixtures/leaky.c with frame pointers, for memleak's user stacks."""
    return gcc("leaky", ["leaky.c"], ["-O1", "-g", "-fno-omit-frame-pointer"])


def lock_inversion():
    """tests/fixtures/lock_inversion.c: two threads take two mutexes in opposite orders."""
    return gcc("lock_inversion", ["lock_inversion.c"], ["-O1", "-g", "-fno-omit-frame-pointer", "-pthread"])


def pipe_contention():
    """tests/fixtures/pipe_contention.c: threads contending for one pipe's mutex."""
    return gcc("pipe_contention", ["pipe_contention.c"], ["-O1", "-pthread"])
