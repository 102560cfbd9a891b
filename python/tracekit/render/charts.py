"""Histograms as pictures: a self-contained SVG bar chart with BCC's buckets, one bar per
row of what print_log2_hist/print_linear_hist print, for notebooks and reports.

    svg = histogram_svg(log2_buckets(counts), "usecs", title="disk = 'vda'")
"""

import html

ROW_HEIGHT = 18
LABEL_WIDTH = 190
COUNT_WIDTH = 80
FONT = "font-family: Menlo, Consolas, monospace; font-size: 12px"


def log2_buckets(vals):
    """[(low, high, count)] for slots 1..the last non-empty one, as log2_lines labels them
    (slot 1 is "0 -> 1"); [] when nothing above slot 0 was counted."""
    last = max((i for i, v in enumerate(vals) if v), default=-1)
    out = []
    for i in range(1, last + 1):
        low, high = (1 << i) >> 1, (1 << i) - 1
        if low == high:
            low -= 1
        out.append((low, high, vals[i]))
    return out


def linear_buckets(vals):
    """[(value, value, count)] from 0 to the last non-empty value."""
    last = max((i for i, v in enumerate(vals) if v), default=-1)
    return [(i, i, vals[i]) for i in range(0, last + 1)]


def histogram_svg(buckets, val_type="value", title="", width=640):
    """An SVG bar chart of `buckets`: a row per bucket, "low -> high" on the left, a bar as long
    as the count relative to the largest, the count on the right."""
    esc = lambda s: html.escape(str(s), quote=True)
    top = 24 if title else 4
    height = top + ROW_HEIGHT * (len(buckets) + 1) + 6
    bar_room = width - LABEL_WIDTH - COUNT_WIDTH - 10
    largest = max((c for _, _, c in buckets), default=0)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'class="tracekit-histogram">' % (width, height, width, height),
           '<rect width="%d" height="%d" fill="white"/>' % (width, height)]
    if title:
        out.append('<text x="4" y="16" style="%s; font-weight: bold">%s</text>' % (FONT, esc(title)))
    y = top + 13
    out.append('<text x="%d" y="%d" text-anchor="end" style="%s">%s</text>' % (LABEL_WIDTH - 8, y, FONT, esc(val_type)))
    out.append('<text x="%d" y="%d" text-anchor="end" style="%s">count</text>' % (width - 6, y, FONT))
    for low, high, count in buckets:
        y += ROW_HEIGHT
        label = "%d -> %d" % (low, high) if low != high else "%d" % low
        length = bar_room * count / largest if largest else 0
        out.append('<g class="bucket" data-low="%d" data-high="%d" data-count="%d">'
                   '<text x="%d" y="%d" text-anchor="end" style="%s">%s</text>'
                   '<rect x="%d" y="%d" width="%.1f" height="%d" fill="rgb(70,130,180)"/>'
                   '<text x="%d" y="%d" text-anchor="end" style="%s">%d</text></g>'
                   % (low, high, count, LABEL_WIDTH - 8, y, FONT, label, LABEL_WIDTH, y - 11, length,
                      ROW_HEIGHT - 5, width - 6, y, FONT, count))
    if not buckets:
        out.append('<text x="4" y="%d" style="%s">(no samples)</text>' % (y + ROW_HEIGHT, FONT))
    out.append("</svg>")
    return "\n".join(out)
