"""Latency histograms of the tools (biolatency, runqlat...): BCC's log2 text, or with --json
one JSON object per section. BCC's own print_json_hist prints a Python dict (single quotes),
which no JSON parser reads; the tools print the same fields as real JSON."""

import json

from .. import hist, table_hist


def print_log2(table, unit, section=None, section_fn=None, as_json=False):
    """Prints `table` (keyed by slot, or by a struct of section + slot) as a log2 histogram of
    `unit`; `section` names the section key in the header ("disk", "pid"), section_fn renders it."""
    if not as_json:
        if section:
            table.print_log2_hist(unit, section, section_print_fn=section_fn)
        else:
            table.print_log2_hist(unit)
        return
    sections, vals = table_hist.collect(table, hist.LOG2_INDEX_MAX, "json")
    if sections is None:
        sections = [(None, vals)]
    for bucket, vals in sections:
        shown = None
        if bucket is not None:
            shown = (section, section_fn(bucket) if section_fn else bucket)
        print(json.dumps(hist.json_hist(vals, unit, shown)), flush=True)
