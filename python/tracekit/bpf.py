"""The BPF class: BCC's entry point, as a facade over tracekit's smaller modules.

    b = BPF(text=program)            # compile (or take from the cache) and load
    b.attach_kprobe(event=b.get_syscall_fnname("clone"), fn_name="hello")
    b["counts"].items()              # tables (tracekit.tables)
    b["events"].open_perf_buffer(cb); b.perf_buffer_poll()   # events (tracekit.events)
    b.trace_print()                  # bpf_trace_printk output (tracekit.kernel)

Programs named kprobe__<fn>, kretprobe__<fn>, TRACEPOINT_PROBE(cat, ev),
RAW_TRACEPOINT_PROBE(ev), KFUNC_PROBE/KRETFUNC_PROBE/KMOD_RET/LSM_PROBE attach when the object
loads, and so do the USDT probes of usdt_contexts. Everything attached is detached by
cleanup(), at the end of a ``with`` block, at interpreter exit, and by the kernel if the process
dies, because every attachment is held by a file descriptor.
"""

import sys
import time

from . import constants
from ._native import core
from ._text import to_str
from .enums import BPFProgType, XDPAction, XDPFlags
from .events.loop import EventLoop
from .events.methods import EventMethods
from .kernel.methods import KernelMethods
from .probes import lifecycle
from .probes.methods import ProbeMethods
from .probes.registry import AttachRegistry
from .program.methods import ProgramMethods
from .program.source import program_text
from .symbols.methods import SymbolMethods
from .tables.methods import TableMethods


class BPF(ProbeMethods, TableMethods, EventMethods, SymbolMethods, KernelMethods, ProgramMethods):
    """A compiled and loaded BPF program text, BCC-compatible. Each part of its surface is a
    mixin from the subpackage that owns it (probes, tables, events, symbols, kernel, program)."""

    # Program types for load_func() and XDP values, under the names BCC's BPF class gives
    # them; the values are enums.py's.
    SOCKET_FILTER = BPFProgType.SOCKET_FILTER
    KPROBE = BPFProgType.KPROBE
    SCHED_CLS = BPFProgType.SCHED_CLS
    SCHED_ACT = BPFProgType.SCHED_ACT
    TRACEPOINT = BPFProgType.TRACEPOINT
    XDP = BPFProgType.XDP
    PERF_EVENT = BPFProgType.PERF_EVENT
    CGROUP_SKB = BPFProgType.CGROUP_SKB
    CGROUP_SOCK = BPFProgType.CGROUP_SOCK
    LWT_IN = BPFProgType.LWT_IN
    LWT_OUT = BPFProgType.LWT_OUT
    LWT_XMIT = BPFProgType.LWT_XMIT
    SOCK_OPS = BPFProgType.SOCK_OPS
    SK_SKB = BPFProgType.SK_SKB
    CGROUP_DEVICE = BPFProgType.CGROUP_DEVICE
    SK_MSG = BPFProgType.SK_MSG
    RAW_TRACEPOINT = BPFProgType.RAW_TRACEPOINT
    CGROUP_SOCK_ADDR = BPFProgType.CGROUP_SOCK_ADDR
    CGROUP_SYSCTL = BPFProgType.CGROUP_SYSCTL
    CGROUP_SOCKOPT = BPFProgType.CGROUP_SOCKOPT
    TRACING = BPFProgType.TRACING
    LSM = BPFProgType.LSM
    XDP_ABORTED = XDPAction.XDP_ABORTED
    XDP_DROP = XDPAction.XDP_DROP
    XDP_PASS = XDPAction.XDP_PASS
    XDP_TX = XDPAction.XDP_TX
    XDP_REDIRECT = XDPAction.XDP_REDIRECT
    XDP_FLAGS_UPDATE_IF_NOEXIST = XDPFlags.UPDATE_IF_NOEXIST
    XDP_FLAGS_SKB_MODE = XDPFlags.SKB_MODE
    XDP_FLAGS_DRV_MODE = XDPFlags.DRV_MODE
    XDP_FLAGS_HW_MODE = XDPFlags.HW_MODE
    XDP_FLAGS_REPLACE = XDPFlags.REPLACE

    def __init__(self, src_file=b"", hdr_file=b"", text=None, debug=0, cflags=None,
                 usdt_contexts=None, allow_rlimit=True, device=None, attach_usdt_ignore_pid=False):
        self._object = None
        self._links = AttachRegistry()
        self._events = EventLoop()
        self._tables = {}
        self._trace = None
        self.debug = debug
        source, name = program_text(src_file, hdr_file, text)
        self._usdt_contexts = list(usdt_contexts or [])
        if self._usdt_contexts:
            from .probes import usdt
            # The reader goes first; #line keeps diagnostics on the user's own line numbers.
            source = usdt.program_text(self._usdt_contexts) + "#line 1\n" + source
        cflags = [to_str(f) for f in (cflags or [])]
        compiled = core.compile(source, name, cflags, debug)
        if compiled.debug_text:
            sys.stderr.write(compiled.debug_text)
        self._compiled_from_cache = compiled.from_cache
        self._elf = compiled.elf  # for dump_func/disassemble_func (program/methods.py)
        self._metadata = core.json_loads(compiled.metadata)
        self._map_meta = {m["name"]: m for m in self._metadata["maps"]}
        self._object = core.Object(compiled.elf, compiled.metadata, bool(debug & constants.DEBUG_BPF))
        lifecycle.track(self)
        try:
            self._attach_auto_programs()
            if self._usdt_contexts:
                from .probes import usdt
                usdt.attach_contexts(self, self._usdt_contexts, attach_usdt_ignore_pid)
        except BaseException:
            self.cleanup()
            raise
        if debug & constants.DEBUG_BPF and self._object.verifier_logs:
            sys.stderr.write(self._object.verifier_logs)

    # -- auto-attach ------------------------------------------------------------------------
    def _attach_auto_programs(self):
        for prog in self._metadata["programs"]:
            kind, target, name = prog["kind"], prog.get("target", ""), prog["name"]
            if not target:
                continue
            if kind == "kprobe":
                self.attach_kprobe(event=target, fn_name=name)
            elif kind == "kretprobe":
                self.attach_kretprobe(event=target, fn_name=name)
            elif kind == "tracepoint":
                self.attach_tracepoint(tp=target, fn_name=name)
            elif kind == "raw_tracepoint":
                self.attach_raw_tracepoint(tp=target, fn_name=name)
            elif kind in ("kfunc", "kretfunc", "kmod_ret", "lsm"):
                self._attach_trampoline(name, (kind,))

    # -- time -------------------------------------------------------------------------------
    @staticmethod
    def monotonic_time():
        return time.monotonic_ns()

    # -- lifetime ---------------------------------------------------------------------------
    def cleanup(self):
        """Detaches everything and releases the maps and programs."""
        self._links.close_all()
        self._events.close()
        if self._trace is not None:
            self._trace.close()
        self._tables.clear()
        self._object = None
        lifecycle.forget(self)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.cleanup()

    @staticmethod
    def free_bcc_memory():
        """BCC frees Clang's memory here; tracekit never keeps it. Kept for compatibility."""
        return 0
