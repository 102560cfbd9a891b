"""tracekit: BCC-compatible eBPF tracing that compiles at run time, with or without kernel
headers, and never leaves probes behind.

    from tracekit import BPF
    b = BPF(text='int kprobe__do_nanosleep(void *ctx) { bpf_trace_printk("sleep\\\\n"); return 0; }')
    b.trace_print()

The package keeps BCC's surface: ``BPF`` (bpf.py), ``USDT``, the modules ``tracekit.table``,
``tracekit.utils``, ``tracekit.usdt``, ``tracekit.syscall``, ``tracekit.tcp``,
``tracekit.containers`` and ``tracekit.disassembler`` (thin re-exports, also importable as
bcc.* through tracekit.compat); the enums ``PerfType``, ``PerfHWConfig``, ``PerfSWConfig``,
``BPFProgType``, ``BPFAttachType``, ``XDPAction``, ``XDPFlags``; and typed errors (errors.py),
all subclasses of Exception. The code behind it lives in subpackages named after the parts of
the system (tables, events, probes, symbols, kernel, program, ctypes, render; tools for the
bundled tools' shared library, cli for the command); docs/architecture.md maps them.
"""

from .bpf import BPF
from .constants import (DEBUG_BPF, DEBUG_BPF_REGISTER_STATE, DEBUG_BTF, DEBUG_LLVM_IR,
                        DEBUG_PREPROCESSOR, DEBUG_SOURCE)
from .enums import BPFAttachType, BPFProgType, PerfHWConfig, PerfSWConfig, PerfType, XDPAction, XDPFlags
from .errors import (CompileError, InvalidArgumentError, NotFoundError, NotSupportedError,
                     PermissionError, TracekitError, VerifierError)
from ._text import ArgString, printb
from .probes.usdt import USDT

__all__ = [
    "BPF", "USDT", "CompileError", "VerifierError", "NotSupportedError", "PermissionError",
    "NotFoundError", "InvalidArgumentError", "TracekitError", "printb", "ArgString",
    "PerfType", "PerfHWConfig", "PerfSWConfig", "BPFProgType", "BPFAttachType", "XDPAction", "XDPFlags",
    "DEBUG_LLVM_IR", "DEBUG_BPF", "DEBUG_PREPROCESSOR", "DEBUG_SOURCE",
    "DEBUG_BPF_REGISTER_STATE", "DEBUG_BTF",
]
