"""Facts about the running kernel and tracekit's choices on it, for tools' --verbose and for
`tracekit doctor`."""

from .._native import core


def kernel_info():
    """A dict: release, header_mode ("btf" or "headers") and header_mode_reason,
    syscall_prefix, btf_path, and the header directories where there are any."""
    return core.kernel_info()
