"""Reading a histogram out of a table, for print_log2_hist/print_linear_hist/print_json_hist.

A histogram table is keyed either by the slot (an integer key) or, for histograms with
sections, by a struct whose first field is the section's bucket (a pid, a disk name...) and
whose next field is the slot; the counts are the leaves. Rendering is render/histograms.py's job.
"""

import ctypes as ct

from ..render import histograms as hist


def _is_padding(name):
    return name.startswith("__pad")


def key_fields(key_type):
    """(bucket field, slot field) of a struct key, skipping padding the layout inserted."""
    names = [f[0] for f in key_type._fields_ if not _is_padding(f[0])]
    if len(names) < 2:
        raise ValueError("a histogram with sections needs a key struct of (bucket, slot), got fields %s" % names)
    return names[0], names[1]


def _count(leaf):
    """A leaf's count: an int leaf, or the sum of a per-CPU leaf."""
    if isinstance(leaf, (int, float)):
        return leaf
    if hasattr(leaf, "value"):
        return leaf.value
    if isinstance(leaf, ct.Array):
        return sum(_count(v) for v in leaf)
    raise TypeError("histogram leaves must be integers, got %s" % type(leaf).__name__)


def _store(vals, slot, leaf, size, kind):
    if not 0 <= slot < size:
        raise IndexError("Index in print_%s_hist() of %d exceeds max of %d." % (kind, slot, size))
    vals[slot] = _count(leaf)


def collect(table, size, kind, bucket_fn=None, bucket_sort_fn=None):
    """(sections, vals): sections is None for an integer-keyed table, else a list of
    (bucket, vals) in the table's order or bucket_sort_fn's."""
    items = table.items()
    if issubclass(table.Key, (ct.Structure, ct.Union)):
        bucket_field, slot_field = key_fields(table.Key)
        by_bucket = {}
        for k, v in items:
            bucket = getattr(k, bucket_field)
            if bucket_fn:
                bucket = bucket_fn(bucket)
            vals = by_bucket.setdefault(bucket, [0] * size)
            _store(vals, getattr(k, slot_field), v, size, kind)
        buckets = list(by_bucket)
        if bucket_sort_fn:
            buckets = bucket_sort_fn(buckets)
        return [(b, by_bucket[b]) for b in buckets], None
    vals = [0] * size
    for k, v in items:
        _store(vals, k.value if hasattr(k, "value") else int(k), v, size, kind)
    return None, vals


def _print(lines):
    for line in lines:
        print(line)


def _print_sections(table, size, kind, lines_fn, val_type, section_header, section_print_fn, bucket_fn,
                    strip_leading_zero, bucket_sort_fn):
    sections, vals = collect(table, size, kind, bucket_fn, bucket_sort_fn)
    if sections is None:
        _print(lines_fn(vals, val_type, strip_leading_zero))
        return
    for bucket, vals in sections:
        _print([hist.section_line(section_header, bucket, section_print_fn)])
        _print(lines_fn(vals, val_type, strip_leading_zero))


def print_log2(table, val_type, section_header, section_print_fn, bucket_fn, strip_leading_zero, bucket_sort_fn):
    _print_sections(table, hist.LOG2_INDEX_MAX, "log2", hist.log2_lines, val_type, section_header,
                    section_print_fn, bucket_fn, strip_leading_zero, bucket_sort_fn)


def print_linear(table, val_type, section_header, section_print_fn, bucket_fn, strip_leading_zero, bucket_sort_fn):
    _print_sections(table, hist.LINEAR_INDEX_MAX, "linear", hist.linear_lines, val_type, section_header,
                    section_print_fn, bucket_fn, strip_leading_zero, bucket_sort_fn)


def print_json(table, val_type, section_header, section_print_fn, bucket_fn, bucket_sort_fn, render=str):
    """One record per section (or one): BCC prints each as a Python dict (render=str); the
    tools pass json.dumps."""
    sections, vals = collect(table, hist.LOG2_INDEX_MAX, "json", bucket_fn, bucket_sort_fn)
    if sections is None:
        print(render(hist.json_hist(vals, val_type)), flush=True)
        return
    for bucket, vals in sections:
        shown = section_print_fn(bucket) if section_print_fn else bucket
        print(render(hist.json_hist(vals, val_type, (section_header, shown))), flush=True)
