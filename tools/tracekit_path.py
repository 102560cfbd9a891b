"""Called first by every tool: when the tool runs from a source checkout, use that checkout's
tracekit package (python/) rather than an installed one."""

import os
import sys


def prefer_checkout():
    checkout_python = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python")
    if os.path.isdir(os.path.join(checkout_python, "tracekit")):
        sys.path.insert(0, os.path.normpath(checkout_python))
