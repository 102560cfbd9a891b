"""Histogram rendering in BCC's text formats, apart from any map access.

The functions here take bucket counts (a list indexed by slot) and return the lines BCC prints,
byte for byte, so that tools and scripts ported from BCC print the same thing and the output
of both can be diffed. tables/histograms.py collects the counts from a map and calls these.

Log2 histograms: slot ``i`` (``i >= 1``) counts values in ``[2**(i-1), 2**i - 1]`` (slot 1 is
shown as ``0 -> 1``); slot 0 is never printed. Nothing at all is printed unless a slot above 0
holds a count. When the highest non-empty slot is above 32 the ranges need 20 digits, so the
wide layout is used and the bars are 20 stars wide instead of 40.
"""

import time

STARS_MAX = 40
LOG2_INDEX_MAX = 65
LINEAR_INDEX_MAX = 1025

_LOG2_HEADER = "     %-19s : count     distribution"
_LOG2_BODY = "%10d -> %-10d : %-8d |%-*s|"
_LOG2_WIDE_HEADER = "               %-29s : count     distribution"
_LOG2_WIDE_BODY = "%20d -> %-20d : %-8d |%-*s|"
_LINEAR_HEADER = "     %-13s : count     distribution"
_LINEAR_BODY = "        %-10d : %-8d |%-*s|"


def stars(val, val_max, width):
    """The bar for `val`: floor(width * val / val_max) stars, at most `width`; a value above
    val_max ends in '+' instead of its last star."""
    if val_max <= 0:
        return ""
    count = int(width * val / val_max)
    count = max(0, min(count, width))
    bar = "*" * count
    if val > val_max:
        bar = bar[:-1] + "+"
    return bar


def _highest(vals):
    """(index of the last non-zero slot or -1, largest count)."""
    idx_max, val_max = -1, 0
    for i, v in enumerate(vals):
        if v > 0:
            idx_max = i
        if v > val_max:
            val_max = v
    return idx_max, val_max


def _slot_rows(vals, first, last, strip_leading_zero, row):
    lines = []
    stripping = bool(strip_leading_zero)
    for i in range(first, last + 1):
        if stripping and not vals[i]:
            continue
        stripping = False
        lines.append(row(i, vals[i]))
    return lines


def log2_lines(vals, val_type="value", strip_leading_zero=None):
    """The lines of a log2 histogram of `vals` (counts by slot)."""
    idx_max, val_max = _highest(vals)
    if idx_max <= 32:
        header, body, width = _LOG2_HEADER, _LOG2_BODY, STARS_MAX
    else:
        header, body, width = _LOG2_WIDE_HEADER, _LOG2_WIDE_BODY, STARS_MAX // 2
    if idx_max <= 0:
        return []

    def row(i, val):
        low, high = (1 << i) >> 1, (1 << i) - 1
        if low == high:
            low -= 1
        return body % (low, high, val, width, stars(val, val_max, width))

    return [header % val_type] + _slot_rows(vals, 1, idx_max, strip_leading_zero, row)


def linear_lines(vals, val_type="value", strip_leading_zero=None):
    """The lines of a linear histogram of `vals` (counts by value)."""
    idx_max, val_max = _highest(vals)
    if idx_max < 0:
        return []

    def row(i, val):
        return _LINEAR_BODY % (i, val, STARS_MAX, stars(val, val_max, STARS_MAX))

    return [_LINEAR_HEADER % val_type] + _slot_rows(vals, 0, idx_max, strip_leading_zero, row)


def section_line(section_header, bucket, section_print_fn=None):
    """The line above each section of a histogram keyed by (bucket, slot), preceded by an
    empty line as BCC prints it. Without section_print_fn the bucket is shown with repr()."""
    if section_print_fn:
        return "\n%s = %s" % (section_header, section_print_fn(bucket))
    return "\n%s = %r" % (section_header, bucket)


def now():
    """The local time stamp of JSON histograms (a function so tests can fix it)."""
    return time.strftime("%Y-%m-%d %H:%M:%S")


def json_hist(vals, val_type="value", section=None, ts=None):
    """A log2 histogram as BCC's JSON-ish dict: ts, val_type, data (one entry per slot from 1
    up to the last non-empty one, with interval-start, interval-end and count) and, for a
    section of a keyed histogram, {section_header: bucket}. BCC prints it with print(), i.e.
    as a Python dict repr (tables/histograms.py's print_json does the same)."""
    last = 0
    for i, v in enumerate(vals):
        if v != 0:
            last = i
    data = []
    start, end = 0, 1
    for i in range(1, last + 1):
        end *= 2
        data.append({"interval-start": start, "interval-end": int(end) - 1, "count": int(vals[i])})
        start = end
    hist = {"ts": ts if ts is not None else now(), "val_type": val_type, "data": data}
    if section:
        hist[section[0]] = section[1]
    return hist
