"""Argument parsing with BCC's conventions for the bundled tools.

    parser = cli.parser(__doc__, EXAMPLES, pid=True, timestamp=True)

adds the usual options (-p PID, -t TID, -T, [interval [count]], --cgroupmap, --mntnsmap) as
asked, plus --ebpf, --json and --verbose for every tool. Values are typed here, so a bad value
is an argparse error (exit 2), never a C compile error.
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


def parser(doc, examples="", pid_option=False, tid_option=False, timestamp=False,
           interval=False, cgroupmap=False, mntnsmap=False, json_flags=("--json",)):
    """An ArgumentParser with the tool's one-line description, examples and common options."""
    description = doc.strip().splitlines()[0] if doc else None
    if description and ": " in description:
        description = description.split(": ", 1)[1]
    p = argparse.ArgumentParser(description=description, epilog=examples,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    if pid_option:
        p.add_argument("-p", "--pid", type=pid, help="trace this PID only")
    if tid_option:
        p.add_argument("-t", "--tid", type=pid, help="trace this TID only")
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
    p.add_argument("--verbose", action="store_true",
                   help="say which probes and header mode the tool uses")
    return p
