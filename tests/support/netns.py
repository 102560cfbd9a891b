"""A veth pair across two network namespaces the test creates, so that network programs see
real traffic without touching the machine's interfaces:

    with VethPair() as net:        # ns "tk-a-<pid>" has a0 10.201.0.1, ns "tk-b-<pid>" b0 .2
        sock = net.udp_receiver(9000)   # bound in namespace a
        net.send_udp(9000, count=5)     # from namespace b

Programs attach to `a0` from inside namespace a (attach calls run in a thread that entered
it: see in_namespace)."""

import contextlib
import os
import subprocess
import threading

from .kernel_modules import ensure_module


def _ip(*args, check=True):
    return subprocess.run(["ip"] + list(args), capture_output=True, text=True, check=check)


class VethPair:
    ADDRESS_A = "10.201.0.1"
    ADDRESS_B = "10.201.0.2"

    def __init__(self):
        suffix = os.getpid()
        self.ns_a = "tk-a-%d" % suffix
        self.ns_b = "tk-b-%d" % suffix
        self.dev_a = "a0"
        self.dev_b = "b0"

    @staticmethod
    def unavailable():
        """Why veth pairs cannot be made here, or None (loads the veth module if needed)."""
        def try_veth():
            ns = "tk-probe-%d" % os.getpid()
            if _ip("netns", "add", ns, check=False).returncode != 0:
                return "cannot create network namespaces (ip netns add)"
            r = _ip("-n", ns, "link", "add", "p0", "type", "veth", "peer", "name", "p1", check=False)
            _ip("netns", "del", ns, check=False)
            return None if r.returncode == 0 else r.stderr.strip()
        why = try_veth()
        if why is None:
            return None
        module_problem = ensure_module("veth")
        return try_veth() if module_problem is None else "%s (%s)" % (why, module_problem)

    def __enter__(self):
        _ip("netns", "add", self.ns_a)
        _ip("netns", "add", self.ns_b)
        try:
            _ip("-n", self.ns_a, "link", "add", self.dev_a, "type", "veth", "peer", "name", self.dev_b,
                "netns", self.ns_b)
            for ns, dev, addr in ((self.ns_a, self.dev_a, self.ADDRESS_A), (self.ns_b, self.dev_b, self.ADDRESS_B)):
                _ip("-n", ns, "addr", "add", addr + "/24", "dev", dev)
                _ip("-n", ns, "link", "set", dev, "up")
                _ip("-n", ns, "link", "set", "lo", "up")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        _ip("netns", "del", self.ns_a, check=False)
        _ip("netns", "del", self.ns_b, check=False)

    def run_b(self, argv, **kwargs):
        return subprocess.run(["ip", "netns", "exec", self.ns_b] + list(argv), capture_output=True, **kwargs)

    def run_a(self, argv, **kwargs):
        return subprocess.run(["ip", "netns", "exec", self.ns_a] + list(argv), capture_output=True, **kwargs)

    def send_udp(self, port, count=1, payload=b"tracekit", from_a=False):
        """Sends `count` UDP datagrams from namespace b to a:port (or from a to b)."""
        dst = self.ADDRESS_B if from_a else self.ADDRESS_A
        code = ("import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                "for i in range(%d): s.sendto(%r, (%r, %d))\n" % (count, payload, dst, port))
        run = self.run_a if from_a else self.run_b
        run(["/usr/bin/python3", "-c", code], check=True)

    def udp_receiver(self, port, in_b=False):
        """A non-blocking UDP socket bound to port in namespace a (or b)."""
        import socket
        with in_namespace("/run/netns/" + (self.ns_b if in_b else self.ns_a)):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind((self.ADDRESS_B if in_b else self.ADDRESS_A, port))
        s.setblocking(False)
        return s

    @contextlib.contextmanager
    def in_namespace_a(self):
        """Runs the body with this thread in namespace a (setns), then comes back."""
        with in_namespace("/run/netns/" + self.ns_a):
            yield


_CLONE_NEWNET = 0x40000000


def _setns(fd):
    # os.setns arrived in Python 3.12; Debian bookworm has 3.11.
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.setns(fd, _CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


@contextlib.contextmanager
def in_namespace(path):
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("in_namespace must run on the main thread")
    own = os.open("/proc/self/ns/net", os.O_RDONLY)
    target = os.open(path, os.O_RDONLY)
    try:
        _setns(target)
        yield
    finally:
        _setns(own)
        os.close(own)
        os.close(target)
