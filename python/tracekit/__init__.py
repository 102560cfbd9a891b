"""tracekit: BCC-compatible eBPF tracing that compiles at run time, with or without kernel
headers, and never leaves probes behind.

    from tracekit import BPF
    b = BPF(text='int kprobe__do_nanosleep(void *ctx) { bpf_trace_printk("sleep\\\\n"); return 0; }')
    b.trace_print()
"""

from .bpf import BPF
from .constants import (DEBUG_BPF, DEBUG_BPF_REGISTER_STATE, DEBUG_BTF, DEBUG_LLVM_IR,
                        DEBUG_PREPROCESSOR, DEBUG_SOURCE)
from .errors import (CompileError, InvalidArgumentError, NotFoundError, NotSupportedError,
                     PermissionError, TracekitError, VerifierError)
from .perf_events import PerfHWConfig, PerfSWConfig, PerfType
from .usdt import USDT
from .utils import printb

__all__ = [
    "BPF", "USDT", "PerfType", "PerfHWConfig", "PerfSWConfig", "CompileError", "VerifierError", "NotSupportedError", "PermissionError",
    "NotFoundError", "InvalidArgumentError", "TracekitError", "printb",
    "DEBUG_LLVM_IR", "DEBUG_BPF", "DEBUG_PREPROCESSOR", "DEBUG_SOURCE",
    "DEBUG_BPF_REGISTER_STATE", "DEBUG_BTF",
]
