"""tracekit.syscall (bcc.syscall): system call names; tracekit.kernel.syscalls reads them."""

from .kernel import syscalls as _syscalls
from .kernel.syscalls import syscall_name, syscall_number


def __getattr__(name):
    # `syscalls` ({number: name}) and `source` are read from the kernel on first use.
    return getattr(_syscalls, name)


__all__ = ["syscall_name", "syscall_number"]  # and `syscalls`, read on first use
