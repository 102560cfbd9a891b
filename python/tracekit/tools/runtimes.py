"""The language runtimes the u* tools trace (ucalls, uflow, ugc, uobjnew, ustat, uthreads),
as data: which USDT probes each runtime has and in which argument slot each value travels.

    java = RUNTIMES["java"]
    java.calls.entry                    # "method__entry"
    java.calls.clazz                    # Text(2, length=3): class name in argument 2, its length in 3
    runtimes.defines(clazz=java.calls.clazz, method=java.calls.method)
                                        # {"CLAZZ_ARG": 2, "CLAZZ_LEN_ARG": 3, "METHOD_ARG": 4, ...}

A tool's BPF program reads arguments with tools/usdt_args.h's READ_ARG/READ_STR from these
numbers (typed -D defines), so one program serves every runtime and nothing is pasted into C.
The 28 short names BCC ships (pythoncalls, javagc...) are SHORT_NAMES: the tool with -l LANG.

Runtimes built without their USDT probes (Debian's perl, node and tcl have none) are named
with the build option that would add them, instead of tracing nothing.
"""

import os
import re
import textwrap

from ..utils import detect_language


class Text:
    """A string argument: its slot, and the slot of its length for runtimes whose strings are
    not NUL-terminated (0: read up to the NUL)."""

    def __init__(self, arg, length=0):
        self.arg = arg
        self.length = length


class CallProbes:
    """Method entry/return probes: `pairs` lists (entry, return) probe names sharing one layout."""

    def __init__(self, pairs, clazz, method, optional=()):
        self.pairs = pairs
        self.entry, self.ret = pairs[0]
        self.clazz = clazz or Text(0)
        self.method = method
        self.optional = optional  # pairs a build may lack (Ruby's cmethod__*)


    def probes(self, entry_fn, return_fn=None):
        """([(probe, fn)] every build has, [(probe, fn)] some builds lack) for the entry
        probes on entry_fn and, given return_fn, the return probes on it."""
        wanted = [(entry, entry_fn) for entry, _ in self.pairs]
        if return_fn:
            wanted += [(ret, return_fn) for _, ret in self.pairs]
        optional = [w for w in wanted if any(w[0] in pair for pair in self.optional)]
        return [w for w in wanted if w not in optional], optional


class GcProbes:
    """A begin/end pair of GC probes: up to two numbers saved at begin and two read at end,
    up to two strings read at end, and how to describe one collection."""

    def __init__(self, begin, end, describe, begin_values=(), end_values=(), strings=()):
        self.begin = begin
        self.end = end
        self.describe = describe  # fn(event) -> text
        self.begin_values = begin_values
        self.end_values = end_values
        self.strings = strings


class AllocProbe:
    """An allocation probe: the type name (a Text) or a fixed label, and the size's slot."""

    def __init__(self, probe, name=None, label=None, size=0):
        self.probe = probe
        self.name = name or Text(0)
        self.label = label
        self.size = size


class ThreadProbes:
    def __init__(self, start, stop, name, runtime_id, native_id):
        self.start = start
        self.stop = stop
        self.name = name
        self.runtime_id = runtime_id
        self.native_id = native_id


# ustat's columns, in its order.
METHOD, GC, OBJNEW, CLOAD, EXCP, THREAD = "method", "gc", "objnew", "cload", "excp", "thread"
CATEGORIES = (METHOD, GC, OBJNEW, CLOAD, EXCP, THREAD)


class Runtime:
    def __init__(self, name, comms, build_option, calls=None, gc=(), allocs=(), threads=None,
                 stat=None, notes=None):
        self.name = name
        self.comms = comms                # process names ustat looks for
        self.build_option = build_option  # what adds the USDT probes to its build
        self.calls = calls
        self.gc = gc
        self.allocs = allocs
        self.threads = threads
        self.stat = stat or {}            # probe -> ustat category
        # What a run needs for the probes to fire, or what a build does not report, per use
        # ("calls", "allocs"...): text, or fn(executable) -> text or None.
        self.notes = notes or {}


def _signed(value):
    return value - (1 << 64) if value >= 1 << 63 else value


def _java_pool(e):
    # The JVM passes -1 for a pool without a maximum.
    return "%s %s used=%d->%d max=%d->%d" % (
        e.string1.decode(errors="replace"), e.string2.decode(errors="replace"),
        _signed(e.begin_values[0]), _signed(e.end_values[0]), _signed(e.begin_values[1]), _signed(e.end_values[1]))


_NODE_GC_KINDS = (("GC scavenge", 1), ("GC mark-sweep-compact", 2), ("GC incremental mark", 4),
                  ("GC weak callbacks", 8))


def _cpython_caveat(path):
    """CPython 3.11 runs Python-to-Python calls inside one evaluation loop and fires
    function__entry/return only where a frame is entered from C in a few cases, so ordinary
    calls are not reported (measured: plain functions, methods, generators, callbacks from map()
    or sorted() fire nothing)."""
    match = re.search(r"python(\d+)\.(\d+)", os.path.basename(path))
    if match and (int(match.group(1)), int(match.group(2))) == (3, 11):
        return ("CPython 3.11 fires function__entry/function__return for almost no calls "
                "(Python-to-Python calls run inside one interpreter loop and are not reported), "
                "so most of this process's calls will not show")
    return None


# Since Ruby 2.5 a Ruby method carries trace instructions only while a TracePoint needs them,
# and method__entry/return fire from those (measured on Debian's 3.1: a method fires only
# inside TracePoint.new(:call){}.enable); C methods fire cmethod__* always.
_RUBY_METHODS = ("Ruby fires method__entry/method__return for Ruby-defined methods only while "
                 "a TracePoint for calls is enabled in the process; C methods (cmethod__*) "
                 "always show")
_JAVA_EXTENDED = ("method and allocation probes fire only in a JVM started with "
                  "-XX:+ExtendedDTraceProbes")
_PHP_ENABLE = "PHP fires its function probes only with USE_ZEND_DTRACE=1 in its environment"


RUNTIMES = {
    "java": Runtime(
        "java", ("java",), "OpenJDK's --enable-dtrace",
        calls=CallProbes([("method__entry", "method__return")], Text(2, 3), Text(4, 5)),
        gc=(GcProbes("mem__pool__gc__begin", "mem__pool__gc__end", _java_pool,
                     begin_values=(6, 8), end_values=(6, 8), strings=(Text(1, 2), Text(3, 4))),
            GcProbes("gc__begin", "gc__end",
                     lambda e: "full GC" if e.begin_values[0] else "GC (not full)", begin_values=(1,))),
        allocs=(AllocProbe("object__alloc", name=Text(2, 3), size=4),),
        threads=ThreadProbes("thread__start", "thread__stop", Text(1, 2), 3, 4),
        stat={"gc__begin": GC, "mem__pool__gc__begin": GC, "thread__start": THREAD,
              "class__loaded": CLOAD, "object__alloc": OBJNEW, "method__entry": METHOD,
              "ExceptionOccurred__entry": EXCP},
        notes={"calls": _JAVA_EXTENDED, "stat": _JAVA_EXTENDED,
               "allocs": _JAVA_EXTENDED + "; OpenJDK 17 passes an object's size only for "
                         "allocations on its slow path, 0 for those compiled or interpreted code "
                         "makes in its thread's buffer (# BYTES counts what it passes)"}),
    "node": Runtime(
        "node", ("node",), "node's --with-dtrace",
        gc=(GcProbes("gc__start", "gc__done",
                     lambda e: ", ".join(d for d, bit in _NODE_GC_KINDS if e.end_values[0] & bit),
                     end_values=(1,)),),
        stat={"gc__start": GC}),
    "perl": Runtime(
        "perl", ("perl",), "perl's -Dusedtrace",
        calls=CallProbes([("sub__entry", "sub__return")], Text(2), Text(1)),
        stat={"sub__entry": METHOD}),
    "php": Runtime(
        "php", ("php", "php-fpm", "php-cgi"), "PHP's --enable-dtrace",
        calls=CallProbes([("function__entry", "function__return")], Text(4), Text(1)),
        stat={"function__entry": METHOD, "compile__file__entry": CLOAD, "exception__thrown": EXCP},
        notes={"calls": _PHP_ENABLE, "stat": _PHP_ENABLE}),
    "python": Runtime(
        "python", ("python", "python3"), "CPython's --with-dtrace",
        calls=CallProbes([("function__entry", "function__return")], Text(1), Text(2)),
        gc=(GcProbes("gc__start", "gc__done",
                     lambda e: "gen %d GC collected %d objects" % (e.begin_values[0], e.end_values[0]),
                     begin_values=(1,), end_values=(1,)),),
        stat={"function__entry": METHOD, "gc__start": GC, "import__find__load__start": CLOAD},
        notes={"calls": _cpython_caveat}),
    "ruby": Runtime(
        "ruby", ("ruby", "irb"), "ruby's --enable-dtrace",
        calls=CallProbes([("method__entry", "method__return"), ("cmethod__entry", "cmethod__return")],
                         Text(1), Text(2), optional=[("cmethod__entry", "cmethod__return")]),
        gc=(GcProbes("gc__mark__begin", "gc__mark__end", lambda e: "GC mark stage"),
            GcProbes("gc__sweep__begin", "gc__sweep__end", lambda e: "GC sweep stage")),
        allocs=(AllocProbe("object__create", name=Text(1)),
                AllocProbe("string__create", label="string", size=1),
                AllocProbe("hash__create", label="hash", size=1),
                AllocProbe("array__create", label="array", size=1)),
        stat={"method__entry": METHOD, "cmethod__entry": METHOD, "gc__mark__begin": GC,
              "gc__sweep__begin": GC, "object__create": OBJNEW, "hash__create": OBJNEW,
              "string__create": OBJNEW, "array__create": OBJNEW, "require__entry": CLOAD,
              "load__entry": CLOAD, "raise": EXCP},
        notes={"calls": _RUBY_METHODS}),
    "tcl": Runtime(
        "tcl", ("tclsh", "wish"), "Tcl's --enable-dtrace",
        calls=CallProbes([("proc__entry", "proc__return")], None, Text(1)),
        allocs=(AllocProbe("obj__create", label="<ALL>"),),
        stat={"proc__entry": METHOD, "obj__create": OBJNEW}),
}

# BCC's short names: `tracekit pythoncalls PID` is `tracekit ucalls -l python PID`.
SHORT_NAMES = {
    "cobjnew": ("uobjnew", "c"),
    "javacalls": ("ucalls", "java"), "javaflow": ("uflow", "java"), "javagc": ("ugc", "java"),
    "javaobjnew": ("uobjnew", "java"), "javastat": ("ustat", "java"), "javathreads": ("uthreads", "java"),
    "nodegc": ("ugc", "node"), "nodestat": ("ustat", "node"),
    "perlcalls": ("ucalls", "perl"), "perlflow": ("uflow", "perl"), "perlstat": ("ustat", "perl"),
    "phpcalls": ("ucalls", "php"), "phpflow": ("uflow", "php"), "phpstat": ("ustat", "php"),
    "pythoncalls": ("ucalls", "python"), "pythonflow": ("uflow", "python"), "pythongc": ("ugc", "python"),
    "pythonstat": ("ustat", "python"),
    "rubycalls": ("ucalls", "ruby"), "rubyflow": ("uflow", "ruby"), "rubygc": ("ugc", "ruby"),
    "rubyobjnew": ("uobjnew", "ruby"), "rubystat": ("ustat", "ruby"),
    "tclcalls": ("ucalls", "tcl"), "tclflow": ("uflow", "tcl"), "tclobjnew": ("uobjnew", "tcl"),
    "tclstat": ("ustat", "tcl"),
}


def languages_with(what):
    """The runtimes that have `what` ("calls", "gc", "allocs", "threads"), in BCC's order."""
    return [name for name, r in RUNTIMES.items() if getattr(r, what)]


def invoked_as(tool_file, argv):
    """(program name, argv) for a u* tool: run under a short name (tools/pythoncalls is a link
    to tools/ucalls), the short name's -l LANG goes first, as BCC's wrapper scripts do."""
    name = os.path.basename(tool_file)
    if name in SHORT_NAMES:
        return name, ["-l", SHORT_NAMES[name][1]] + list(argv)
    return name, list(argv)


def defines(**slots):
    """{DEFINE: slot} for Text and int slots: clazz=Text(2, 3) -> CLAZZ_ARG=2, CLAZZ_LEN_ARG=3.
    Every slot is defined (0 = the runtime has none), as usdt_args.h expects."""
    out = {}
    for name, slot in slots.items():
        if isinstance(slot, Text):
            out[name.upper() + "_ARG"] = slot.arg
            out[name.upper() + "_LEN_ARG"] = slot.length
        else:
            out[name.upper() + "_ARG"] = slot or 0
    return out


class NoProbes(Exception):
    """The process cannot be traced for this language; str() says why, in one line."""


def language_of(pid, language, choices):
    """The language to trace in `pid`: -l's, else detected (BCC's detect_language)."""
    check_process(pid)
    if language:
        return language
    detected = detect_language(choices, pid)
    if detected is None:
        raise NoProbes("could not tell which language process %d runs; use -l (one of %s)"
                       % (pid, ", ".join(choices)))
    return detected


def process_usdt(pid, runtime, probes, optional=()):
    """A USDT context of process `pid` with `probes` [(probe, fn_name)] enabled, and
    `optional` ones where the build has them. Raises NoProbes naming what the runtime lacks."""
    from .. import USDT
    from ..errors import NotFoundError
    check_process(pid)
    try:
        if detect_language([runtime.name], pid) != runtime.name:
            raise NoProbes("process %d (%s) does not run %s" % (pid, process_exe(pid), runtime.name))
        usdt = USDT(pid=pid)
        available = {p.name.decode() for p in usdt.enumerate_probes()}
    except (NotFoundError, FileNotFoundError, ProcessLookupError):
        raise NoProbes("process %d does not exist" % pid) from None
    except OSError as e:
        raise NoProbes("cannot read the mappings of process %d: %s" % (pid, e.strerror)) from None
    missing = [probe for probe, _fn in probes if probe not in available]
    if missing:
        raise NoProbes(missing_probes_message(pid, runtime, missing, available))
    for probe, fn_name in list(probes) + [p for p in optional if p[0] in available]:
        usdt.enable_probe(probe=probe, fn_name=fn_name)
    return usdt


def check_process(pid):
    """Raises NoProbes if process `pid` is gone or cannot be inspected."""
    try:
        os.readlink("/proc/%d/exe" % pid)
    except FileNotFoundError:
        raise NoProbes("process %d does not exist" % pid) from None
    except OSError as e:
        raise NoProbes("cannot inspect process %d: %s" % (pid, e.strerror)) from None


def missing_probes_message(pid, runtime, missing, available):
    exe = process_exe(pid)
    if not any(probe in available for probe in runtime.stat):
        return ("process %d (%s): this %s was built without USDT probes (%s)"
                % (pid, exe, runtime.name, runtime.build_option))
    return ("process %d (%s): this %s build has no USDT probe %s (see `tracekit tplist -p %d`)"
            % (pid, exe, runtime.name, ", ".join(missing), pid))


def process_exe(pid):
    try:
        return os.readlink("/proc/%d/exe" % pid)
    except OSError:
        return "?"


def caveats(pid, runtime, use):
    """The lines a tool prints under its banner for `use` ("calls", "gc", "allocs", "threads",
    "stat"): what this runtime build needs, or does not report. Wrapped to 80 columns."""
    note = runtime.notes.get(use) if runtime else None
    if callable(note):
        note = note(process_exe(pid))
    if not note:
        return []
    return textwrap.wrap("Note: " + note + ".", 80, subsequent_indent="  ")


def examples(prog, rows):
    """--help examples from [(language or None, "args", "what it does")]: under a short name
    (javagc) only that language's rows, with its -l taken away."""
    short = SHORT_NAMES.get(prog)
    lines = []
    for language, arguments, comment in rows:
        if short:
            if language not in (None, short[1]):
                continue
            arguments = arguments.replace("-l %s " % short[1], "").replace("-l %s" % short[1], "").strip()
        lines.append(("tracekit %s %s" % (prog, arguments), comment))
    if not lines:
        lines.append(("tracekit %s PID" % prog, "trace process PID"))
    width = max(len(command) for command, _ in lines)
    return "examples:\n" + "".join("    %-*s  # %s\n" % (width, command, comment) for command, comment in lines)


def add_target_arguments(p, languages, none_help=None):
    """-l LANG (choices `languages`, plus "none" with none_help) and the pid, as BCC's u* tools."""
    from . import cli
    choices = list(languages) + (["none"] if none_help else [])
    p.add_argument("-l", "--language", choices=choices,
                   help=none_help or "language to trace (default: detected from the process)")
    p.add_argument("pid", type=cli.pid, help="process id to attach to")
    p.add_argument("-v", dest="verbose", action="store_true", help=cli.argparse.SUPPRESS)


def method_name(clazz, method):
    """BCC's CLASS.METHOD from the bytes a probe passed; runtimes that pass no class (Tcl)
    show the method alone."""
    method = method.decode(errors="replace")
    return clazz.decode(errors="replace") + "." + method if clazz else method
