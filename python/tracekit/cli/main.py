"""The `tracekit` command.

    tracekit list                 every bundled tool with its one-line description
    tracekit <tool> [args...]     run a tool (tracekit execsnoop -x)
    tracekit doctor               what this kernel can do and what tracekit will use
    tracekit tplist [-p PID|-l LIB] [filter]   tracepoints, or USDT probes
    tracekit flamegraph [FILE...]  folded stacks in, an interactive SVG out
    tracekit reset-trace [--all]  remove tracefs probe events left by killed tracekit processes
"""

import os
import sys

USAGE = """usage: tracekit <command|tool> [args...]

commands:
  list        list the bundled tools
  doctor      show the kernel's tracing capabilities and tracekit's choices
  tplist      list tracepoints, or the USDT probes of a process (-p) or binary (-l)
  flamegraph  draw folded stacks (profile -f, offcputime -f...) as an interactive SVG
  reset-trace remove tracefs kprobe/uprobe events left behind by killed tracekit processes
  <tool>      run a bundled tool, e.g. `tracekit execsnoop -x` (see `tracekit list`)
"""


def tools_dir():
    """tools/ of this source checkout, else where `make install` put them."""
    checkout = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tools"))
    if os.path.isdir(checkout):
        return checkout
    from .._install_paths import TOOLS_DIR
    return TOOLS_DIR


def tool_names(directory):
    names = []
    for entry in sorted(os.listdir(directory)):
        path = os.path.join(directory, entry)
        if "." not in entry and os.path.isfile(path) and os.access(path, os.X_OK):
            names.append(entry)
    return names


def description(path):
    """The tool's one-line description: its docstring's "name: what it does" line."""
    with open(path) as f:
        for line in f:
            line = line.strip().strip('"')
            if ": " in line and not line.startswith("#"):
                return line.split(": ", 1)[1]
    return ""


def list_tools():
    directory = tools_dir()
    names = tool_names(directory)
    width = max((len(n) for n in names), default=0)
    for name in names:
        print("%-*s  %s" % (width, name, description(os.path.join(directory, name))))
    return 0


def run_tool(name, args):
    directory = tools_dir()
    path = os.path.join(directory, name)
    if "/" in name or name not in tool_names(directory):
        sys.stderr.write("tracekit: no tool named '%s' (see `tracekit list`)\n" % name)
        return 2
    sys.argv = [name] + args
    sys.path.insert(0, directory)
    # Run it as a script, as `python3 tools/<tool>` would (runpy costs ~7 ms of imports).
    with open(path, "rb") as f:
        code = compile(f.read(), path, "exec")
    exec(code, {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__})
    return 0


def main(argv=None):
    try:
        return _dispatch(sys.argv[1:] if argv is None else argv)
    except BrokenPipeError:
        # `tracekit list | head`: the reader is gone; end quietly, as a C tool would.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _dispatch(argv):
    if not argv or argv[0] in ("-h", "--help", "help"):
        sys.stdout.write(USAGE)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "list":
        return list_tools()
    if command == "doctor":
        from .doctor import main as doctor_main
        return doctor_main(rest)
    if command == "tplist":
        from .tplist import main as tplist_main
        return tplist_main(rest)
    if command == "flamegraph":
        from .flamegraph import main as flamegraph_main
        return flamegraph_main(rest)
    if command == "reset-trace":
        from .doctor import reset_trace
        return reset_trace(rest)
    if command == "--version":
        from .._native import core
        print("tracekit", core.build_identity())
        return 0
    return run_tool(command, rest)
