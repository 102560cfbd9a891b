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
    log = ""
    feature = ""
    errno = 0
    diagnostics = ()


class CompileError(TracekitError):
    pass


class VerifierError(TracekitError):
    pass


class NotSupportedError(TracekitError):
    pass


class PermissionError(TracekitError, builtins.PermissionError):
    pass


class NotFoundError(TracekitError, LookupError):
    pass


class InvalidArgumentError(TracekitError, ValueError):
    pass
