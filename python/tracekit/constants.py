"""BCC's debug flags (BPF(debug=...)), with BCC's values."""

from .enums import BPFProgType

DEBUG_LLVM_IR = 0x1
DEBUG_BPF = 0x2
DEBUG_PREPROCESSOR = 0x4
DEBUG_SOURCE = 0x8
DEBUG_BPF_REGISTER_STATE = 0x10
DEBUG_BTF = 0x20

# enum bpf_prog_type values used by the attach methods (enums.py holds the whole enum).
PROG_TYPE_KPROBE = BPFProgType.KPROBE
PROG_TYPE_TRACEPOINT = BPFProgType.TRACEPOINT
PROG_TYPE_XDP = BPFProgType.XDP
PROG_TYPE_PERF_EVENT = BPFProgType.PERF_EVENT
PROG_TYPE_RAW_TRACEPOINT = BPFProgType.RAW_TRACEPOINT
