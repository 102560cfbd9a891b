"""Tables shown rather than printed: histogram tables as bar charts with BCC's buckets (one per
section), other tables as an HTML table of their entries, and any table as rows for a data
frame. What notebooks call through _repr_html_ and to_dataframe() (base.py)."""

import html

from ..ctypes.values import flat
from ..render import charts
from ..render import histograms as text_histograms
from . import histograms

MAX_HTML_ROWS = 100


def is_histogram(table):
    return table.meta.get("type") == "histogram"


def histogram_svgs(table, val_type="value", section_header="Bucket ptr", linear=False, section_print_fn=None):
    """[(section title or "", SVG)] of a histogram table, log2 (or linear) buckets."""
    size = text_histograms.LINEAR_INDEX_MAX if linear else text_histograms.LOG2_INDEX_MAX
    buckets_of = charts.linear_buckets if linear else charts.log2_buckets
    sections, vals = histograms.collect(table, size, "linear" if linear else "log2")
    if sections is None:
        return [("", charts.histogram_svg(buckets_of(vals), val_type))]
    out = []
    for bucket, vals in sections:
        title = text_histograms.section_line(section_header, bucket, section_print_fn).strip()
        out.append((title, charts.histogram_svg(buckets_of(vals), val_type, title=title)))
    return out


def rows(table, limit=None):
    """[{column: value}] of the table's entries: the key's fields (or "key"), then the leaf's
    (or "value")."""
    out = []
    for key, leaf in table.items():
        row = flat(key, "key")
        row.update({("value." + k if k in row else k): v for k, v in flat(leaf, "value").items()})
        out.append(row)
        if limit is not None and len(out) >= limit:
            break
    return out


def html_table(table):
    entries = rows(table, MAX_HTML_ROWS + 1)
    esc = lambda v: html.escape(str(v))
    head = "<b>%s</b> (%s, %d entr%s shown)" % (esc(table.name), esc(table.meta.get("type", type(table).__name__)),
                                                 min(len(entries), MAX_HTML_ROWS),
                                                 "y" if len(entries) == 1 else "ies")
    if not entries:
        return head + "<br><i>empty</i>"
    columns = list(entries[0])
    lines = [head, "<table><tr>%s</tr>" % "".join("<th>%s</th>" % esc(c) for c in columns)]
    for row in entries[:MAX_HTML_ROWS]:
        lines.append("<tr>%s</tr>" % "".join("<td>%s</td>" % esc(row.get(c, "")) for c in columns))
    lines.append("</table>")
    if len(entries) > MAX_HTML_ROWS:
        lines.append("<i>... more entries: use to_dataframe() or items()</i>")
    return "\n".join(lines)


def html_of(table):
    if is_histogram(table):
        return "\n".join("<div>%s</div>" % svg for _, svg in histogram_svgs(table))
    return html_table(table)


def dataframe(table):
    try:
        import pandas
    except ImportError:
        raise ImportError("to_dataframe() needs pandas (Debian: apt install python3-pandas)") from None
    return pandas.DataFrame(rows(table))


# Kernel text lives in the top half of the address space (x86_64, arm64).
_KERNEL_ADDRESSES = 1 << 63


def stack_flamegraph_html(table):
    """A stack table as a flame graph, each stored stack counted once: kernel frames by name,
    user frames by address (which process a stack came from is the program's to record; a
    stack tool's counts give it: tracekit.notebook.flamegraph)."""
    from ..render.flamegraph import FlameGraphOptions, flamegraph_svg
    from ..render.folded import FoldedStacks
    from ..symbols.resolve import ksym
    graph = FoldedStacks()
    for key in table.keys():
        frames = []
        for addr in table.walk(key.value):
            if isinstance(addr, int) and addr >= _KERNEL_ADDRESSES:
                frames.append(ksym(addr).decode(errors="replace") + "_[k]")
            else:
                frames.append(hex(addr) if isinstance(addr, int) else "[build id]")
        if frames:
            graph.add(list(reversed(frames)), 1)
    options = FlameGraphOptions(title="%s: %d stacks" % (table.name, graph.total), countname="stacks", width=1000)
    svg = flamegraph_svg(graph, options)
    return svg.split("?>", 1)[1]
