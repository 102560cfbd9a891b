"""Latency histograms of the tools (biolatency, runqlat...): BCC's log2 text, or with --json
one JSON object per section. BCC's own print_json_hist prints a Python dict (single quotes),
which no JSON parser reads; the tools print the same fields as real JSON."""

import json

from ..tables import histograms as table_histograms


def print_log2(table, unit, section=None, section_fn=None, as_json=False):
    """Prints `table` (keyed by slot, or by a struct of section + slot) as a log2 histogram of
    `unit`; `section` names the section key in the header ("disk", "pid"), section_fn renders it."""
    if not as_json:
        if section:
            table.print_log2_hist(unit, section, section_print_fn=section_fn)
        else:
            table.print_log2_hist(unit)
        return
    table_histograms.print_json(table, unit, section, section_fn, None, None, render=json.dumps)
