"""BPF's attach methods, BCC-compatible, gathered from one small module per family:

    kernel.py    kprobes, kretprobes, tracepoints, raw tracepoints, fentry/fexit/LSM
    user.py      uprobes and uretprobes
    perf.py      perf event sampling
    network.py   XDP, tc, socket filters, attach_func

Each method names what it attaches and keeps the native Link in self._links (registry.py).
"""

from .kernel import KernelProbeMethods
from .network import NetworkMethods
from .perf import PerfEventMethods
from .user import UprobeMethods


class ProbeMethods(KernelProbeMethods, UprobeMethods, PerfEventMethods, NetworkMethods):
    # -- counts -----------------------------------------------------------------------------
    def num_open_kprobes(self):
        return self._links.count("kprobe")

    def num_open_uprobes(self):
        return self._links.count("uprobe")

    def num_open_tracepoints(self):
        return self._links.count("tracepoint", "raw_tracepoint")

    def attachments(self):
        """How each probe was attached (e.g. 'kprobe clone via tracepoint ...')."""
        return self._links.descriptions()
