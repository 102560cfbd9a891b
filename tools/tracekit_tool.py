"""The first import of every bundled tool:

    from tracekit_tool import Column, Table, cli, run

Run from a source checkout (tools/<tool>), the checkout's own tracekit package is used rather
than an installed one; then the tool gets the shared tool library (tracekit.tools): its
modules (cli, run, columns, histograms, stacks, disks, net) and Column/Table, imported when
the tool asks for them.
"""

import importlib
import os
import sys


def _prefer_checkout():
    checkout_python = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python")
    if os.path.isdir(os.path.join(checkout_python, "tracekit")):
        sys.path.insert(0, os.path.normpath(checkout_python))


_prefer_checkout()

_COLUMNS = ("Column", "Table")


def __getattr__(name):
    if name in _COLUMNS:
        return getattr(importlib.import_module("tracekit.tools.columns"), name)
    if name.startswith("_"):
        raise AttributeError(name)
    try:
        return importlib.import_module("tracekit.tools." + name)
    except ModuleNotFoundError:
        raise AttributeError("the tool library has no module %r" % name) from None
