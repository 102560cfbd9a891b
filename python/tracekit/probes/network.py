"""BPF's network and fd-attached program methods: XDP, tc, socket filters and BCC's
attach_func/detach_func. A mixin of the BPF class.

BCC makes attach_xdp/remove_xdp/attach_raw_socket static and takes a BPF.Function; tracekit
keeps that call shape and files the attachment under the Function's BPF object, so it ends
with cleanup() like every other one. XDP goes through a BPF link where the kernel has them
(5.9): a killed process leaves no program on the interface. tc uses tcx links (6.6) or a
clsact filter removed on cleanup.
"""

from .._native import core
from .._text import to_str
from .lifecycle import live_objects


class NetworkMethods:
    # The XDP flag and program type constants are BPF's, in bpf.py.

    @staticmethod
    def attach_xdp(dev, fn, flags=0):
        bpf = fn.bpf
        dev = to_str(dev)
        if bpf._links.has("xdp", dev):
            raise ValueError("an XDP program of this BPF object is already attached to %s; remove_xdp first" % dev)
        link = core.attach_xdp(bpf._object, to_str(fn.name), dev, flags)
        bpf._links.add("xdp", dev, link)

    @staticmethod
    def remove_xdp(dev, flags=0):
        """Detaches the XDP program tracekit attached to `dev` or, if none, whatever program
        is attached there over netlink."""
        dev = to_str(dev)
        for bpf in live_objects():
            if bpf._links.has("xdp", dev):
                bpf._links.remove("xdp", dev)
                return
        core.remove_xdp_netlink(dev, flags)

    def attach_tc(self, dev, fn, direction="ingress"):
        """A tc classifier (direct action; return TC_ACT_OK to let packets through)."""
        direction = to_str(direction)
        if direction not in ("ingress", "egress"):
            raise ValueError("direction must be 'ingress' or 'egress'")
        name = to_str(fn.name if hasattr(fn, "name") else fn)
        dev = to_str(dev)
        link = core.attach_tc(self._object, name, dev, direction == "ingress")
        self._links.add("tc", (dev, direction), link)
        return self

    def detach_tc(self, dev, direction="ingress"):
        self._links.remove("tc", (to_str(dev), to_str(direction)))

    @staticmethod
    def attach_raw_socket(fn, dev):
        """Opens a raw packet socket on `dev` filtered by `fn`; sets fn.sock to its fd."""
        bpf = fn.bpf
        dev = to_str(dev)
        link = core.attach_raw_socket(bpf._object, to_str(fn.name), dev)
        bpf._links.add("socket", (to_str(fn.name), dev), link)
        fn.sock = link.fds[0]

    @staticmethod
    def attach_func(fn, attachable_fd, attach_type, flags=0):
        """BPF_PROG_ATTACH (or a BPF link where the kernel has one) of a program loaded with
        load_func() to a cgroup, sockmap or other fd."""
        link = core.attach_prog_fd(fn.fd, attachable_fd, attach_type, flags)
        fn.bpf._links.add("func", (to_str(fn.name), attachable_fd, attach_type), link)

    @staticmethod
    def detach_func(fn, attachable_fd, attach_type):
        fn.bpf._links.remove("func", (to_str(fn.name), attachable_fd, attach_type))
