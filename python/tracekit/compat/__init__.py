"""Runs unmodified BCC scripts on tracekit.

    python3 -m tracekit.compat script.py ARGS...

makes ``import bcc`` (and bcc.utils, bcc.table, bcc.syscall, ...) resolve to tracekit for that
process only, then runs the script as __main__. ``install()`` does the same from Python.
"""

import importlib
import sys

# bcc module name -> tracekit module name
ALIASES = {
    "bcc": "tracekit",
    "bcc.utils": "tracekit.utils",
    "bcc.table": "tracekit.table",
    "bcc.syscall": "tracekit.syscall",
    "bcc.tcp": "tracekit.tcp",
    "bcc.containers": "tracekit.containers",
    "bcc.usdt": "tracekit.usdt",
    "bcc.disassembler": "tracekit.disassembler",
}


def install():
    for bcc_name, ours in ALIASES.items():
        try:
            module = importlib.import_module(ours)
        except ImportError:
            continue
        sys.modules[bcc_name] = module
        if "." in bcc_name:
            parent, child = bcc_name.rsplit(".", 1)
            if parent in sys.modules:
                setattr(sys.modules[parent], child, module)
