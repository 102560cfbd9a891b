"""Detaching when the process ends in ways Python does not clean up after.

Nearly every attachment is a file descriptor, so the kernel detaches it whatever ends the
process. The exceptions (tracefs events on kernels without the perf PMUs, a USDT semaphore
raised through /proc/PID/mem, a tc filter added over netlink) must be undone by tracekit:
cleanup(), a ``with`` block, atexit and KeyboardInterrupt (SIGINT) already do that. SIGTERM
would kill the interpreter without atexit, so once such an attachment exists and SIGTERM still
has its default action, a handler detaches everything and then dies of SIGTERM as before (same
exit status for the parent). SIGKILL cannot be caught: `tracekit reset-trace` removes what a
killed process left in tracefs.
"""

import atexit
import os
import signal
import threading
import weakref

_armed = False
_cleanups = []
_live = weakref.WeakSet()  # BPF objects not yet cleaned up


def track(bpf):
    """Cleans `bpf` up at interpreter exit and before a fatal signal, unless it was already."""
    _live.add(bpf)


def forget(bpf):
    _live.discard(bpf)


def live_objects():
    """The BPF objects not yet cleaned up."""
    return list(_live)


def _cleanup_all():
    for bpf in list(_live):
        bpf.cleanup()


def on_fatal_signal(callback):
    """Registers callback() to run before the process dies of SIGTERM or SIGHUP."""
    _cleanups.append(callback)


def _handler(signum, frame):
    for callback in list(_cleanups):
        try:
            callback()
        except Exception:  # noqa: BLE001 - the process is dying; undo what can be undone
            pass
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def arm_signal_cleanup():
    """Installs the handler for SIGTERM and SIGHUP where they still have their default action."""
    global _armed
    if _armed or threading.current_thread() is not threading.main_thread():
        return
    _armed = True
    for sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sig) == signal.SIG_DFL:
            signal.signal(sig, _handler)


atexit.register(_cleanup_all)
on_fatal_signal(_cleanup_all)
