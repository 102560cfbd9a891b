"""Argument parsing with BCC's conventions for the bundled tools.

    parser = cli.parser(__doc__, EXAMPLES, pid=True, timestamp=True)

adds the usual options (-p PID, -t TID, -T, [interval [count]], --cgroupmap, --mntnsmap) as
asked, plus --ebpf, --json and --verbose for every tool. Values are typed here, so a bad value
is an argparse error (exit 2), never a C compile error.
"""

import argparse


def positive_int(text):
    try:
        value = int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError("invalid positive integer: %r" % text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be positive: %r" % text)
    return value


def nonnegative_int(text):
    try:
        value = int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError("invalid non-negative integer: %r" % text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be >= 0: %r" % text)
    return value


def pid(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("invalid PID: %r" % text)
    if value <= 0:
        raise argparse.ArgumentTypeError("invalid PID: %r" % text)
    return value


def uid(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("invalid UID: %r" % text)
    if value < 0:
        raise argparse.ArgumentTypeError("invalid UID: %r" % text)
    return value


def parser(doc, examples="", pid_option=False, tid_option=False, timestamp=False,
           interval=False, cgroupmap=False, mntnsmap=False):
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
    p.add_argument("--json", action="store_true", help="print one JSON object per event")
    p.add_argument("--verbose", action="store_true",
                   help="say which probes and header mode the tool uses")
    return p
