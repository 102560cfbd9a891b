"""Argument parsing with BCC's conventions for the bundled tools.

    p = cli.parser(__doc__, EXAMPLES, pid_option=True)
    p.add_argument("-u", "--uid", type=cli.uid, define="UID_FILTER", help="trace this UID only")
    p.add_argument("-x", "--fails", action="store_true", define="INCLUDE_FAILED", help=...)

adds the usual options (-p PID, -t TID, -T, [interval [count]], --cgroupmap, --mntnsmap) as
asked, plus --ebpf, --json and --verbose for every tool. Values are typed here, so a bad value
is an argparse error (exit 2), never a C compile error.

``define=NAME`` declares, next to the option, the -D define it becomes in the tool's BPF
program: an integer option's value (when given), 1 for a flag that is set. parse_args() puts
them in ``args.bpf_defines``, which run.load() passes to the compiler; -p and -t become
FILTER_PID and FILTER_TID. Only integers reach the program this way, never text.
"""

import argparse


def _integer(what, minimum):
    """An argparse type: an integer >= minimum, reported as `what` when it is not."""
    def parse(text):
        try:
            value = int(text, 0)
        except ValueError:
            raise argparse.ArgumentTypeError("invalid %s: %r" % (what, text))
        if value < minimum:
            raise argparse.ArgumentTypeError("invalid %s (must be >= %d): %r" % (what, minimum, text))
        return value
    parse.__name__ = what.replace(" ", "_")
    return parse


positive_int = _integer("positive integer", 1)
nonnegative_int = _integer("non-negative integer", 0)
pid = _integer("PID", 1)
uid = _integer("UID", 0)


def signal_number(text):
    """An argparse type: a signal by number (0-64) or name, with or without SIG (9, KILL,
    SIGKILL, RTMIN+1)."""
    import signal
    if text.isdigit():
        number = int(text)
    else:
        name = text.upper() if text.upper().startswith("SIG") else "SIG" + text.upper()
        rt = name.split("+", 1)
        try:
            if len(rt) == 2 and rt[0] == "SIGRTMIN" and rt[1].isdigit():
                number = int(signal.SIGRTMIN) + int(rt[1])
            else:
                number = int(signal.Signals[name])
        except KeyError:
            raise argparse.ArgumentTypeError("unknown signal %r" % text)
    if not 0 <= number <= 64:
        raise argparse.ArgumentTypeError("invalid signal number %r" % text)
    return number


def signal_name(number):
    """A signal's name as kill -l spells it with SIG: SIGUSR1, SIGRTMIN+3; the number as text
    when it has none."""
    import signal
    try:
        return signal.Signals(number).name
    except ValueError:
        if int(signal.SIGRTMIN) < number <= int(signal.SIGRTMAX):
            return "SIGRTMIN+%d" % (number - int(signal.SIGRTMIN))
        return str(number)


class _DefineOptions:
    """add_argument(..., define="NAME"): the option's value becomes -DNAME=value."""

    def add_argument(self, *names, define=None, **kwargs):
        action = super().add_argument(*names, **kwargs)
        if define is not None:
            self._tool_parser.defines[action.dest] = define
        return action

    # Registered with the container as argparse's own methods do: an exclusive group that is not
    # in _mutually_exclusive_groups is never enforced, a group not in _action_groups is missing
    # from --help.
    def add_argument_group(self, *args, **kwargs):
        group = _Group(self._tool_parser, self, *args, **kwargs)
        self._action_groups.append(group)
        return group

    def add_mutually_exclusive_group(self, **kwargs):
        group = _ExclusiveGroup(self._tool_parser, self, **kwargs)
        self._mutually_exclusive_groups.append(group)
        return group


class _Group(_DefineOptions, argparse._ArgumentGroup):
    def __init__(self, tool_parser, container, *args, **kwargs):
        self._tool_parser = tool_parser
        super().__init__(container, *args, **kwargs)


class _ExclusiveGroup(_DefineOptions, argparse._MutuallyExclusiveGroup):
    def __init__(self, tool_parser, container, **kwargs):
        self._tool_parser = tool_parser
        super().__init__(container, **kwargs)


class ToolParser(_DefineOptions, argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        self._tool_parser = self
        self.defines = {}  # option dest -> define name
        super().__init__(*args, **kwargs)

    def parse_args(self, args=None, namespace=None):
        parsed = super().parse_args(args, namespace)
        parsed.bpf_defines = bpf_defines(parsed, self.defines)
        return parsed


def bpf_defines(args, declared):
    """{define: int} for the declared options that are set."""
    out = {}
    for dest, name in declared.items():
        value = getattr(args, dest, None)
        if value is None or value is False:
            continue
        if not isinstance(value, int):  # bool is an int: True -> 1
            raise TypeError("option %s defines %s, so it must be an integer, not %r" % (dest, name, value))
        out[name] = int(value)
    return out


def parser(doc, examples="", pid_option=False, tid_option=False, timestamp=False,
           interval=False, cgroupmap=False, mntnsmap=False, json_flags=("--json",),
           verbose_flags=("--verbose",), verbose_help=None):
    """An ArgumentParser with the tool's one-line description, examples and common options."""
    description = doc.strip().splitlines()[0] if doc else None
    if description and ": " in description:
        description = description.split(": ", 1)[1]
    p = ToolParser(description=description, epilog=examples,
                   formatter_class=argparse.RawDescriptionHelpFormatter)
    if pid_option:
        p.add_argument("-p", "--pid", type=pid, define="FILTER_PID", help="trace this PID only")
    if tid_option:
        p.add_argument("-t", "--tid", type=pid, define="FILTER_TID", help="trace this TID only")
    if timestamp:
        p.add_argument("-T", "--timestamp", action="store_true", help="include timestamp on output")
    if interval:
        p.add_argument("interval", nargs="?", type=positive_int, default=99999999,
                       help="output interval, in seconds")
        p.add_argument("count", nargs="?", type=positive_int, default=99999999,
                       help="number of outputs")
    if cgroupmap:
        p.add_argument("--cgroupmap", help="trace cgroups in this BPF map only")
    if mntnsmap:
        p.add_argument("--mntnsmap", help="trace mount namespaces in this BPF map only")
    p.add_argument("--ebpf", action="store_true", help=argparse.SUPPRESS)
    p.add_argument(*json_flags, dest="json", action="store_true",
                   help="print JSON: one object per event, or per interval for summaries")
    # A tool whose BCC twin gives -v/--verbose a meaning of its own (capable, drsnoop,
    # deadlock) keeps it: verbose_flags and verbose_help say so, and --verbose then does both.
    p.add_argument(*verbose_flags, dest="verbose", action="store_true",
                   help=verbose_help or "say which probes and header mode the tool uses")
    return p
