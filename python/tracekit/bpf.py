"""The BPF class: BCC's entry point, as a facade over tracekit's smaller modules.

    b = BPF(text=program)            # compile (or take from the cache) and load
    b.attach_kprobe(event=b.get_syscall_fnname("clone"), fn_name="hello")
    b["counts"].items()              # tables (table.py)
    b["events"].open_perf_buffer(cb); b.perf_buffer_poll()   # events (events.py)
    b.trace_print()                  # bpf_trace_printk output (trace_pipe.py)

Programs named kprobe__<fn>, kretprobe__<fn>, TRACEPOINT_PROBE(cat, ev),
RAW_TRACEPOINT_PROBE(ev), KFUNC_PROBE/KRETFUNC_PROBE/KMOD_RET/LSM_PROBE attach when the object
loads, and so do the USDT probes of usdt_contexts. Everything attached is detached by
cleanup(), at the end of a ``with`` block, at interpreter exit, and by the kernel if the process
dies, because every attachment is held by a file descriptor.
"""

import atexit
import os
import sys
import time
import weakref

from . import constants, lifecycle
from ._native import core
from ._text import to_bytes, to_str
from .attach import AttachRegistry
from .events import EventLoop
from .data import DataMethods
from .enums import BPFProgType, XDPAction, XDPFlags
from .probes import ProbeMethods

_live = weakref.WeakSet()


def _cleanup_all():
    for b in list(_live):
        b.cleanup()


atexit.register(_cleanup_all)
lifecycle.on_fatal_signal(_cleanup_all)


def live_objects():
    """The BPF objects not yet cleaned up."""
    return list(_live)


class BPF(ProbeMethods, DataMethods):
    """A compiled and loaded BPF program text, BCC-compatible."""

    class Function:
        """A program loaded with load_func(): its name and file descriptor."""

        def __init__(self, bpf, name, fd):
            self.bpf = bpf
            self.name = to_bytes(name)
            self.fd = fd

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
        source, name = self._program_text(to_str(src_file), to_str(hdr_file), text)
        self._usdt_contexts = list(usdt_contexts or [])
        if self._usdt_contexts:
            from . import usdt
            # The reader goes first; #line keeps diagnostics on the user's own line numbers.
            source = usdt.program_text(self._usdt_contexts) + "#line 1\n" + source
        cflags = [to_str(f) for f in (cflags or [])]
        compiled = core.compile(source, name, cflags, debug)
        if compiled.debug_text:
            sys.stderr.write(compiled.debug_text)
        self._compiled_from_cache = compiled.from_cache
        self._elf = compiled.elf  # for dump_func/disassemble_func (data.py)
        self._metadata = core.json_loads(compiled.metadata)
        self._map_meta = {m["name"]: m for m in self._metadata["maps"]}
        self._object = core.Object(compiled.elf, compiled.metadata, bool(debug & constants.DEBUG_BPF))
        _live.add(self)
        try:
            self._attach_auto_programs()
            if self._usdt_contexts:
                from . import usdt
                usdt.attach_contexts(self, self._usdt_contexts, attach_usdt_ignore_pid)
        except BaseException:
            self.cleanup()
            raise
        if debug & constants.DEBUG_BPF and self._object.verifier_logs:
            sys.stderr.write(self._object.verifier_logs)

    @staticmethod
    def _program_text(src_file, hdr_file, text):
        if text is not None:
            source = to_str(text)
            name = "program.c"
        elif src_file:
            path = src_file
            if not os.path.isabs(path) and not os.path.exists(path):
                # BCC also looks next to the running script.
                candidate = os.path.join(os.path.dirname(os.path.abspath(sys.argv[0])), path)
                if os.path.exists(candidate):
                    path = candidate
            with open(path) as f:
                source = f.read()
            name = path
        else:
            raise ValueError("BPF() needs text= or src_file=")
        if hdr_file:
            source = '#include "%s"\n' % hdr_file + source
        return source, name

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

    # -- programs ---------------------------------------------------------------------------
    def load_func(self, func_name, prog_type, device=None, attach_type=-1):
        name = to_str(func_name)
        return BPF.Function(self, name, core.load_program(self._object, name, prog_type, attach_type))

    def load_funcs(self, prog_type=KPROBE):
        return [self.load_func(p["name"], prog_type) for p in self._metadata["programs"]]

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
        _live.discard(self)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.cleanup()

    @staticmethod
    def free_bcc_memory():
        """BCC frees Clang's memory here; tracekit never keeps it. Kept for compatibility."""
        return 0
