"""The stack tools' shared part (profile, offcputime, and every tool that counts stacks): the
-U/-K/-d/-f/--stack-storage-size options and the defines they become, symbolized frames, and
the report in BCC's multi-line layout, the folded one-line format flame graph tools read, or
--json records.

A stack tool's program declares a `counts` hash keyed by a struct with pid, tid,
user_stack_id, kernel_stack_id and name (tools/bpf/include/tools/stacks.h) and a
`stack_traces` table.
"""

import json
import sys

STACK_MISSING_ERRNOS = (14, 17)  # -EFAULT: no stack (e.g. a kernel thread's user stack); -EEXIST: hash collision


def frames(bpf, stack_table, stack_id, pid=None, kernel=True, show_module=False, show_offset=False,
           with_addresses=False):
    """Symbolized frames of stack `stack_id`, innermost first; [] for a missing stack.
    show_module/show_offset: b"name+0x1f [module]"; with_addresses: (address, name) pairs."""
    if stack_id < 0:
        return []
    out = []
    for addr in stack_table.walk(stack_id):
        if kernel:
            name = bpf.ksym(addr, show_module=show_module, show_offset=show_offset)
        else:
            name = bpf.sym(addr, pid, show_module=show_module, show_offset=show_offset)
        out.append((addr, name) if with_addresses else name)
    return out


def missing_note(stack_id, what):
    """BCC's marker for a stack that could not be read (or None)."""
    if stack_id >= 0 or stack_id == -1:
        return None
    return b"[Missed %s Stack]" % what


def folded(comm, user, kernel, delimiter=b";"):
    """One flame-graph line: comm;user frames outermost first[;-;]kernel frames outermost first."""
    parts = [comm.replace(b" ", b"_")]
    parts += list(reversed(user))
    if user and kernel and delimiter != b";":
        parts.append(delimiter)
    parts += list(reversed(kernel))
    return b";".join(p for p in parts if p)


def print_json(comm, pid, tid, user, kernel, **values):
    """One JSON object per stack (--json): frames innermost first, as the text layout lists
    them, plus the tool's value (count of samples, or microseconds off CPU)."""
    record = {"comm": comm.decode(errors="replace"), "pid": pid, "tid": tid,
              "user_stack": [f.decode(errors="replace") for f in user],
              "kernel_stack": [f.decode(errors="replace") for f in kernel]}
    record.update(values)
    sys.stdout.write(json.dumps(record) + "\n")


def add_arguments(p):
    """-U/-K (one or the other), -d, -f and --stack-storage-size, BCC's spelling."""
    which = p.add_mutually_exclusive_group()
    which.add_argument("-U", "--user-stacks-only", action="store_true", help="show stacks from user space only")
    which.add_argument("-K", "--kernel-stacks-only", action="store_true", help="show stacks from kernel space only")
    p.add_argument("-d", "--delimited", action="store_true", help="insert delimiter between kernel/user stacks")
    p.add_argument("-f", "--folded", action="store_true",
                   help="output folded format, one line per stack (for flame graphs)")
    from . import cli
    p.add_argument("--stack-storage-size", type=cli.positive_int, default=16384, define="STACK_STORAGE_SIZE",
                   help="the number of unique stack traces that can be stored and displayed")
    p.add_argument("--svg", metavar="FILE",
                   help="also write the stacks as an interactive flame graph (SVG) to FILE")


def defines(args):
    """USER_STACKS and KERNEL_STACKS: both, unless -U or -K asked for one."""
    return {"USER_STACKS": not args.kernel_stacks_only, "KERNEL_STACKS": not args.user_stacks_only}


def which_stacks(args):
    """The header's words for the stacks collected: "user", "kernel" or "user + kernel"."""
    return "user" if args.user_stacks_only else "kernel" if args.kernel_stacks_only else "user + kernel"


class FlameGraph:
    """How --svg draws a tool's stacks: its title, what a count is, and the palette."""

    def __init__(self, title, countname="samples", colors="hot"):
        self.title = title
        self.countname = countname
        self.colors = colors


def report(bpf, args, value_name, thread_id="pid", kernel_annotation=b"", flame_graph=None):
    """Prints every stack of `counts` with its value (ascending, as BCC does): --json records
    carrying the value as `value_name`, folded lines with -f, BCC's layout otherwise, ending in
    "- comm (pid)" or "(tid)" as the tool's BCC twin does. With --svg, also writes them as a
    flame graph (flame_graph: a FlameGraph saying how)."""
    out = sys.stdout
    graph = None
    if getattr(args, "svg", None):
        from ..render.folded import FoldedStacks
        graph = FoldedStacks()
    for key, user, kernel, total in symbolized(bpf):
        if graph is not None:
            add_to_graph(graph, key.name, user, kernel, total)
        if kernel_annotation:
            kernel = [f + kernel_annotation for f in kernel]
        if args.json:
            print_json(key.name, key.pid, key.tid, user, kernel, **{value_name: total})
        elif args.folded:
            line = folded(key.name, user, kernel, b"-" if args.delimited else b";")
            out.buffer.write(line + b" %d\n" % total)
        else:
            _print_layout(key, user, kernel, total, args.delimited, getattr(key, thread_id))
    out.flush()
    if graph is not None:
        write_flame_graph(args.svg, graph, flame_graph or FlameGraph("Flame Graph"))


def symbolized(bpf, counts="counts", stack_table="stack_traces"):
    """[(key, user frames, kernel frames, value)] of a stack tool's `counts`, smallest value
    first, frames innermost first. The values are read at once, so they do not move while
    the stacks are symbolized."""
    table = bpf[stack_table]
    totals = [(key, value.value) for key, value in bpf[counts].items()]
    out = []
    for key, total in sorted(totals, key=lambda kv: kv[1]):
        user = frames(bpf, table, key.user_stack_id, pid=key.pid, kernel=False)
        kernel = frames(bpf, table, key.kernel_stack_id, kernel=True)
        out.append((key, user, kernel, total))
    return out


def folded_stacks(bpf, counts="counts", stack_table="stack_traces"):
    """A stack tool's counts as render.folded.FoldedStacks, for flame graphs."""
    from ..render.folded import FoldedStacks
    graph = FoldedStacks()
    for key, user, kernel, total in symbolized(bpf, counts, stack_table):
        add_to_graph(graph, key.name, user, kernel, total)
    return graph


def add_to_graph(graph, comm, user, kernel, count):
    """One stack into the graph, kernel frames annotated so that they are coloured apart."""
    frames_outermost_first = [comm.replace(b" ", b"_")] + list(reversed(user)) + \
        [f + b"_[k]" for f in reversed(kernel)]
    graph.add([f.decode(errors="replace") for f in frames_outermost_first], count)


def write_flame_graph(path, graph, how):
    """Writes `graph` (render.folded.FoldedStacks) as an SVG flame graph and says so on stderr."""
    from ..render.flamegraph import FlameGraphOptions, write_svg
    write_svg(path, graph, FlameGraphOptions(title=how.title, countname=how.countname, colors=how.colors))
    sys.stderr.write("wrote a flame graph of %d %s to %s\n" % (graph.total, how.countname, path))


def _print_layout(key, user, kernel, total, delimited, shown_id):
    lines = []
    note = missing_note(key.kernel_stack_id, b"kernel")
    if note:
        lines.append(note)
    lines += kernel
    if delimited and kernel and user:
        lines.append(b"--")
    note = missing_note(key.user_stack_id, b"user")
    if note:
        lines.append(note)
    lines += user
    for line in lines:
        print("    " + line.decode(errors="replace"))
    print("    %-16s %s (%d)" % ("-", key.name.decode(errors="replace"), shown_id))
    print("        %d\n" % total)
