"""BPF's attach methods, BCC-compatible, gathered from one small module per family:

    kprobes.py       kprobes, kretprobes, tracepoints, raw tracepoints, fentry/fexit/LSM
    uprobes.py       uprobes and uretprobes
    perf_events.py   perf event sampling
    netprogs.py      XDP, tc, socket filters, attach_func
    capabilities.py  support_*(), get_kprobe_functions(), get_tracepoints(), ...

Each method names what it attaches and keeps the native Link in self._links (attach.py).
"""

from .capabilities import CapabilityMethods
from .kprobes import KernelProbeMethods
from .netprogs import NetworkMethods
from .perf_events import PerfEventMethods
from .uprobes import UprobeMethods


class ProbeMethods(KernelProbeMethods, UprobeMethods, PerfEventMethods, NetworkMethods, CapabilityMethods):
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
