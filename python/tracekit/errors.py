"""Exceptions raised by tracekit.

All derive from TracekitError, itself an Exception, so BCC-style ``except Exception`` keeps
working. Each carries what the core knew about the failure:

- ``CompileError``: ``.diagnostics`` is a list of (severity, file, line, column, message) in
  the program's own text; ``str()`` is Clang's rendering with the source line.
- ``VerifierError``: ``.log`` is the kernel verifier's full log; ``str()`` ends with a hint.
- ``NotSupportedError``: ``.feature`` names the missing kernel feature (e.g. CONFIG_KPROBES).
- ``PermissionError``: tracing needs root, or CAP_BPF with CAP_PERFMON.
"""

import builtins


class TracekitError(Exception):
    """Any tracekit failure; ``errno`` is set where a system call failed."""
    log = ""
    feature = ""
    errno = 0
    diagnostics = ()


class CompileError(TracekitError):
    """The program text did not compile; ``diagnostics`` has Clang's messages."""


class VerifierError(TracekitError):
    """The kernel verifier rejected a program; ``log`` is its full log."""


class NotSupportedError(TracekitError):
    """The running kernel (or system) lacks what was asked for; ``feature`` names it."""

    def __str__(self):
        text = super().__str__()
        if self.feature and self.feature not in text:
            text += " (not available here: %s)" % self.feature
        return text


class PermissionError(TracekitError, builtins.PermissionError):
    """Tracing needs root, or CAP_BPF with CAP_PERFMON."""


class NotFoundError(TracekitError, LookupError):
    """A named thing (map, program, function, tracepoint, file) does not exist."""


class InvalidArgumentError(TracekitError, ValueError):
    """An argument the kernel or tracekit cannot take."""
