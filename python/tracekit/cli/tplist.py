"""`tracekit tplist`: the kernel's tracepoints, or the USDT probes of a process or binary.

    tracekit tplist                      every tracepoint (category:event)
    tracekit tplist 'sched:*'            tracepoints matching a pattern
    tracekit tplist -v syscalls:sys_enter_openat   with its fields (format)
    tracekit tplist -p PID               USDT probes of a process and its libraries
    tracekit tplist -l /usr/bin/python3  USDT probes of a binary or library ("c" works)
    tracekit tplist -l ./app -vv         with each location and argument
"""

import argparse
import fnmatch
import os
import re
import sys


def _pattern(filter_text):
    """BCC's tplist filters with shell-like wildcards; '*' alone or nothing matches all."""
    if not filter_text:
        return None
    return re.compile(fnmatch.translate(filter_text))


def _print_tracepoint_fields(root, name):
    category, event = name.split(":", 1)
    try:
        with open(os.path.join(root, "events", category, event, "format")) as f:
            text = f.read()
    except OSError:
        return
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("field:") and "common_" not in line:
            print("    %s;" % line[len("field:"):].split(";")[0])


def list_tracepoints(pattern, verbose):
    from .._native import core
    root = core.tracefs_root()
    events = os.path.join(root, "events")
    for category in sorted(os.listdir(events)):
        path = os.path.join(events, category)
        if not os.path.isdir(path):
            continue
        for event in sorted(os.listdir(path)):
            name = "%s:%s" % (category, event)
            if not os.path.isdir(os.path.join(path, event)):
                continue
            if pattern is not None and not pattern.match(name):
                continue
            print(name)
            if verbose:
                _print_tracepoint_fields(root, name)


def list_usdt(pid, library, pattern, verbose):
    from ..probes.usdt import USDT
    context = USDT(pid=pid, path=library)
    for probe in context.enumerate_probes():
        name = probe.full_name()
        if pattern is not None and not (pattern.match(name) or pattern.match(name.split(":", 1)[1])):
            continue
        if verbose == 0:
            print("%s %s" % (probe.bin_path, name))
            continue
        print("%s %s [sema 0x%x]" % (probe.bin_path, name, probe.semaphore))
        print("  %d location(s)" % probe.num_locations)
        print("  %d argument(s)" % probe.num_arguments)
        if verbose > 1:
            for i in range(probe.num_locations):
                location = probe.get_location(i)
                print("  location #%d 0x%x" % (i + 1, location.address))
                for j in range(location.num_arguments):
                    arg = location.get_argument(j)
                    print("    argument #%d %s (%s)" % (j + 1, arg.ctype, arg.text))


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="tracekit tplist", description="List kernel tracepoints or USDT probes.",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("-p", "--pid", type=int, help="list USDT probes of this process")
    parser.add_argument("-l", "--lib", help="list USDT probes of this binary or library")
    parser.add_argument("-v", dest="verbosity", action="count", default=0,
                        help="more detail (repeat for locations and arguments)")
    parser.add_argument("filter", nargs="?", help="a pattern such as 'sched:*' or 'provider:probe'")
    args = parser.parse_args(argv)
    pattern = _pattern(args.filter)
    try:
        if args.pid or args.lib:
            list_usdt(args.pid, args.lib, pattern, args.verbosity)
        else:
            list_tracepoints(pattern, args.verbosity)
    except BrokenPipeError:
        return 0
    except Exception as e:  # noqa: BLE001 - a tool prints the error, it does not trace back
        sys.stderr.write("tplist: %s\n" % e)
        return 1
    return 0
