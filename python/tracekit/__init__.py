"""tracekit: BCC-compatible eBPF tracing that compiles at run time, with or without kernel
headers, and never leaves probes behind.

    from tracekit import BPF
    b = BPF(text='int kprobe__do_nanosleep(void *ctx) { bpf_trace_printk("sleep\\\\n"); return 0; }')
    b.trace_print()

The package mirrors BCC's: ``BPF`` (bpf.py) with its tables (table.py), events (events.py),
symbols (symbols.py) and histograms (hist.py); ``tracekit.utils``, ``tracekit.syscall``,
``tracekit.tcp``, ``tracekit.containers``; the enums ``PerfType``, ``PerfHWConfig``,
``PerfSWConfig``, ``BPFProgType``, ``BPFAttachType``, ``XDPAction``, ``XDPFlags``; and typed
errors (errors.py), all subclasses of Exception.
"""

from .bpf import BPF
from .constants import (DEBUG_BPF, DEBUG_BPF_REGISTER_STATE, DEBUG_BTF, DEBUG_LLVM_IR,
                        DEBUG_PREPROCESSOR, DEBUG_SOURCE)
from .enums import BPFAttachType, BPFProgType, PerfHWConfig, PerfSWConfig, PerfType, XDPAction, XDPFlags
from .errors import (CompileError, InvalidArgumentError, NotFoundError, NotSupportedError,
                     PermissionError, TracekitError, VerifierError)
from .usdt import USDT
from .utils import ArgString, printb

__all__ = [
    "BPF", "USDT", "CompileError", "VerifierError", "NotSupportedError", "PermissionError",
    "NotFoundError", "InvalidArgumentError", "TracekitError", "printb", "ArgString",
    "PerfType", "PerfHWConfig", "PerfSWConfig", "BPFProgType", "BPFAttachType", "XDPAction", "XDPFlags",
    "DEBUG_LLVM_IR", "DEBUG_BPF", "DEBUG_PREPROCESSOR", "DEBUG_SOURCE",
    "DEBUG_BPF_REGISTER_STATE", "DEBUG_BTF",
]
