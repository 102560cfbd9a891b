"""Loading a tool's BPF program and running its output loop.

    prog = run.load(__file__, args, defines={"MAXARG": args.max_args})
    run.stream(prog, "events", on_event, header=table.header)
    ...
    run.as_script(main, __name__)     # the last line of every tool

The program is tools/bpf/<tool>.bpf.c, compiled with the options' declared defines
(cli.py) plus `defines`; it may include the shared headers of tools/bpf/include/
(``#include "tools/stacks.h"``).

Errors a user can act on (missing kernel feature, permission) are printed as one line naming
what is missing, and the tool exits 1; bad arguments never get this far (cli.py, exit 2).
"""

import os
import signal
import sys
import time

from .. import BPF
from ..errors import NotSupportedError, PermissionError, TracekitError


def tool_name(tool_file):
    return os.path.basename(tool_file).split(".")[0]


def bpf_source_path(tool_file, name=None):
    return os.path.join(os.path.dirname(os.path.abspath(tool_file)), "bpf",
                        (name or tool_name(tool_file)) + ".bpf.c")


def include_dir(tool_file):
    """tools/bpf/include: the headers tool programs share."""
    return os.path.join(os.path.dirname(os.path.abspath(tool_file)), "bpf", "include")


def compile_flags(tool_file, defines):
    """The compiler flags of a tool's program: its -D defines and the shared include dir."""
    return _cflags(defines) + ["-I" + include_dir(tool_file)]


def _cflags(defines):
    flags = []
    for name, value in sorted(defines.items()):
        if value is None or value is False:
            continue  # an option not given, a flag not set: not defined at all (#ifdef)
        if isinstance(value, bool):
            value = int(value)
        if not isinstance(value, int):
            raise TypeError("define %s must be an int, not %r" % (name, type(value).__name__))
        flags.append("-D%s=%d" % (name, value))
    return flags


def fail(tool, message, code=1):
    sys.stderr.write("%s: %s\n" % (tool, message))
    sys.exit(code)


def require(tool_file, feature, what):
    """Exits 1 at once, before any compile, with one line naming the missing kernel feature
    and its kernel option when the kernel lacks `feature` ("kprobes", "fentry"...): `what` says
    what the tool needed it for. Returns quietly where the feature works."""
    from ..kernel.capabilities import capability
    supported, detail, option = capability(feature)
    if not supported:
        fail(tool_name(tool_file), "needs %s (%s): %s" % (option or feature, what, detail))


def load(tool_file, args, defines=None, source_name=None, attach=None, usdt_contexts=None,
         usdt_ignore_pid=False):
    """Compiles and loads the tool's program with typed -D defines: those the options declare
    (args.bpf_defines) and `defines`.

    --ebpf prints the program (with the defines) and exits. `attach(bpf)` attaches what
    auto-attach names do not cover. `usdt_contexts` (tracekit.USDT objects with their probes
    enabled) attach with the program, to every process when `usdt_ignore_pid`."""
    tool = tool_name(tool_file)
    path = bpf_source_path(tool_file, source_name)
    with open(path) as f:
        text = f.read()
    all_defines = dict(getattr(args, "bpf_defines", {}))
    all_defines.update(defines or {})
    cflags = compile_flags(tool_file, all_defines)
    if getattr(args, "ebpf", False):
        for flag in cflags:
            if flag.startswith("-D"):
                print("#define %s %s" % tuple(flag[2:].split("=", 1)))
        print(text)
        sys.exit(0)
    _exit_cleanly_on_sigterm()
    global _banner_stream
    _banner_stream = sys.stderr if getattr(args, "json", False) else None
    try:
        bpf = BPF(text=text, cflags=cflags, usdt_contexts=usdt_contexts,
                  attach_usdt_ignore_pid=usdt_ignore_pid)
        if attach is not None:
            attach(bpf)
    except NotSupportedError as e:
        fail(tool, "needs %s: %s" % (e.feature, e))
    except PermissionError as e:
        fail(tool, str(e))
    except TracekitError as e:
        fail(tool, str(e))
    if getattr(args, "verbose", False):
        from ..kernel.info import kernel_info
        info = kernel_info()
        sys.stderr.write("%s: kernel types from %s (%s)\n" % (tool, info["header_mode"], info["header_mode_reason"]))
        for description in bpf.attachments():
            sys.stderr.write("%s: attached %s\n" % (tool, description))
    return bpf


def stream(bpf, table, on_event, header=None, page_cnt=64, lost_cb=None, duration=None, stop_when=None):
    """Calls on_event(event) for each event of perf buffer `table` until Ctrl-C (or for
    `duration` seconds, or until stop_when() is true: checked a few times a second).

    `header` (a string, or a function that prints) comes out once the buffer is open, so that
    whatever a user (or a test) starts after seeing it is traced."""
    events = bpf[table]

    def callback(cpu, data, size):
        on_event(events.event(data))

    events.open_perf_buffer(callback, page_cnt=page_cnt, lost_cb=lost_cb)
    deadline = time.monotonic() + duration if duration else None
    try:
        # The header says "ready": a Ctrl-C from then on ends the loop cleanly.
        _print_header(header)
        while deadline is None or time.monotonic() < deadline:
            timeout = -1 if deadline is None else max(1, int((deadline - time.monotonic()) * 1000))
            if stop_when is not None:
                if stop_when():
                    bpf.perf_buffer_poll(0)  # what is already in the buffer
                    break
                timeout = 200 if timeout < 0 else min(timeout, 200)
            bpf.perf_buffer_poll(timeout)
    except KeyboardInterrupt:
        pass
    finally:
        bpf.cleanup()


# With --json, stdout carries only JSON records; the "Tracing..." banner goes to stderr.
_banner_stream = None


def _print_header(header):
    if callable(header):
        header()
    elif header:
        stream = _banner_stream or sys.stdout
        stream.write(header + "\n")
        stream.flush()
    sys.stdout.flush()


def banner_then_header(banner_lines, table):
    """An event tool's `header` for stream(): its banner lines (on stderr under --json, where
    stdout holds only records), then the table's column titles."""
    def show():
        (sys.stderr if table.as_json else sys.stdout).write("\n".join(banner_lines) + "\n")
        table.header()
    return show
def event_header(table, args, banner=None, json_banner="Tracing... Hit Ctrl-C to end."):
    """The `header` of stream() for an event tool: `banner` (if its BCC twin prints one) and
    the column header as text; under --json only a banner, on stderr, which tells a reader
    that events from now on are seen."""
    def header():
        if getattr(args, "json", False):
            sys.stderr.write((banner or json_banner) + "\n")
            sys.stderr.flush()
            return
        if banner:
            sys.stdout.write(banner + "\n")
        table.header()
    return header


def wait_for_interrupt(duration=None, header=None):
    """Prints `header`, then sleeps until Ctrl-C (or SIGTERM), or for `duration` seconds."""
    try:
        _print_header(header)
        if duration:
            time.sleep(duration)
        else:
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass


def intervals(report, interval=None, count=None, header=None, stop_when=None):
    """BCC's summary loop: prints `header`, then every `interval` seconds (once at Ctrl-C
    without an interval) a blank line and report(), `count` times at most. Ctrl-C reports once
    more and ends; so does stop_when() becoming true (checked a few times a second), e.g. when
    the command a tool runs has ended."""
    remaining = count or float("inf")
    exiting = False
    try:
        _print_header(header)
    except KeyboardInterrupt:
        exiting = True  # Ctrl-C right after the banner (a script's SIGINT): report once and end
    while remaining > 0:
        if not exiting:
            try:
                seconds = interval if interval and interval < 99999999 else 3600 * 24 * 365
                if stop_when is None:
                    time.sleep(seconds)
                else:
                    exiting = _sleep_until(seconds, stop_when)
            except KeyboardInterrupt:
                exiting = True
        print()
        report()
        sys.stdout.flush()
        remaining -= 1
        if exiting:
            break


def _sleep_until(seconds, stop_when):
    """Sleeps `seconds`, or less if stop_when() becomes true: then returns True."""
    deadline = time.monotonic() + seconds
    while True:
        if stop_when():
            return True
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(left, 0.2))


def as_script(tool_main, module_name):
    """A tool's entry point: when the tool's file is the program being run (`tools/<tool>`,
    `tracekit <tool>`; module_name is "__main__"), runs tool_main() and exits with its status.
    Output closed early (`| head`) ends the tool quietly, as it does a C tool."""
    if module_name != "__main__":
        return
    try:
        status = tool_main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would report the pipe again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 0
    except KeyboardInterrupt:
        # A second Ctrl-C while the first one's cleanup or last report runs (`timeout -s INT`
        # signals the process and then its group): end quietly; the probes are fd-based.
        status = 0
    sys.exit(status or 0)


def _exit_cleanly_on_sigterm():
    # SIGTERM ends the loop like Ctrl-C, so cleanup runs; probes are fd-based either way.
    def handler(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, handler)
