"""tracekit in a notebook (Jupyter, running as root): pictures and tables of what the kernel
does.

    import tracekit.notebook as tkn
    b = tkn.tool_program("biolatency")           # a bundled tool's BPF program, loaded
    b["dist"]                                    # a histogram table: shown as a bar chart
    b["dist"].to_dataframe()                     # any table: a pandas DataFrame
    tkn.live(lambda: tkn.histogram(b["dist"], "usecs"), every=2, count=10, cleanup=b.cleanup)
    p = tkn.tool_program("profile", {"USER_STACKS": 1, "KERNEL_STACKS": 1})
    ...
    tkn.flamegraph(p, title="CPU")               # a stack tool's counts as a flame graph

Everything is self-contained SVG/HTML (no scripts from the network). Histograms have BCC's
buckets; plot() draws one with matplotlib for those who want a figure.
"""

import os
import time

from ..render import charts
from ..render.flamegraph import FlameGraphOptions, flamegraph_svg


class Histogram:
    """A histogram table's charts (one per section), shown inline by Jupyter."""

    def __init__(self, table, val_type="value", section_header="Bucket ptr", linear=False, section_print_fn=None):
        from ..tables import display
        self.sections = display.histogram_svgs(table, val_type, section_header, linear, section_print_fn)

    def _repr_html_(self):
        return "\n".join("<div>%s</div>" % svg for _, svg in self.sections)

    def __repr__(self):
        return "<Histogram: %d section(s)>" % len(self.sections)


def histogram(table, val_type="value", section_header="Bucket ptr", linear=False, section_print_fn=None):
    """The chart of a histogram table (BPF_HISTOGRAM, the tools' `dist`): log2 buckets as
    print_log2_hist prints them, or linear ones."""
    return Histogram(table, val_type, section_header, linear, section_print_fn)


class FlameGraph:
    """An interactive flame graph, shown inline (hover, click to zoom, search)."""

    def __init__(self, stacks, options):
        self.stacks = stacks
        self.svg = flamegraph_svg(stacks, options)

    def _repr_html_(self):
        return self.svg.split("?>", 1)[1] if self.svg.startswith("<?xml") else self.svg

    def save(self, path):
        with open(path, "w") as f:
            f.write(self.svg)

    def __repr__(self):
        return "<FlameGraph: %d %s>" % (self.stacks.total, "samples")


def flamegraph(bpf, title="Flame Graph", countname="samples", colors="hot", counts="counts",
               stack_table="stack_traces", width=1000):
    """The flame graph of a stack tool's program (profile, offcputime... or any program with a
    `counts` table keyed like tools/bpf/include/tools/stacks.h and a stack table)."""
    from ..tools.stacks import folded_stacks
    stacks = folded_stacks(bpf, counts, stack_table)
    return FlameGraph(stacks, FlameGraphOptions(title=title, countname=countname, colors=colors, width=width))


def plot(table, val_type="value", ax=None, linear=False):
    """A matplotlib bar chart of a histogram table (integer-keyed); returns the Axes."""
    import matplotlib.pyplot as plt
    from ..render import histograms as text_histograms
    from ..tables import histograms
    size = text_histograms.LINEAR_INDEX_MAX if linear else text_histograms.LOG2_INDEX_MAX
    sections, vals = histograms.collect(table, size, "linear" if linear else "log2")
    if sections is not None:
        raise ValueError("plot() draws integer-keyed histograms; use histogram() for sectioned ones")
    buckets = (charts.linear_buckets if linear else charts.log2_buckets)(vals)
    ax = ax or plt.figure().gca()
    labels = ["%d -> %d" % (low, high) for low, high, _ in buckets]
    ax.barh(range(len(buckets)), [count for _, _, count in buckets])
    ax.set_yticks(range(len(buckets)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("count")
    ax.set_ylabel(val_type)
    return ax


def live(render, every=1.0, count=None, cleanup=None):
    """Shows render() and redraws it every `every` seconds, `count` times (None: until the cell
    is interrupted). cleanup() (e.g. a BPF object's cleanup) runs however it ends, so an
    interrupted cell leaves no probe behind; a restarted kernel takes its probes with it
    (every attachment is a file descriptor)."""
    try:
        update = _redraw()
        update(render())
        shown = 1
        while count is None or shown < count:
            time.sleep(every)
            update(render())
            shown += 1
    except KeyboardInterrupt:
        pass
    finally:
        if cleanup is not None:
            cleanup()


def _redraw():
    """A function that shows its argument in place of what it showed before: a display handle
    in IPython, print() elsewhere."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        get_ipython = None
    if get_ipython is None or get_ipython() is None:
        return print
    handle = None

    def update(view):
        nonlocal handle
        if handle is None:
            handle = display(view, display_id=True)
        else:
            handle.update(view)
    return update


def tool_program(name, defines=None):
    """The BPF program of bundled tool `name` (tools/bpf/<name>.bpf.c), compiled with
    `defines` ({NAME: int}) and loaded; its auto-attached probes are live."""
    from .. import BPF
    from ..cli.main import tools_dir
    from ..tools.run import compile_flags
    directory = tools_dir()
    path = os.path.join(directory, "bpf", name + ".bpf.c")
    if not os.path.exists(path):
        raise ValueError("no bundled tool program %s (see `tracekit list`)" % path)
    with open(path) as f:
        text = f.read()
    return BPF(text=text, cflags=compile_flags(os.path.join(directory, name), defines or {}))
