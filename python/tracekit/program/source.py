"""The program text BPF() compiles: text=, or src_file= (found next to the running script as
BCC finds it), with hdr_file= included first."""

import os
import sys

from .._text import to_str


def program_text(src_file, hdr_file, text):
    """(source, name for diagnostics)."""
    if text is not None:
        source = to_str(text)
        name = "program.c"
    elif src_file:
        path = to_str(src_file)
        if not os.path.isabs(path) and not os.path.exists(path):
            candidate = os.path.join(os.path.dirname(os.path.abspath(sys.argv[0])), path)
            if os.path.exists(candidate):
                path = candidate
        with open(path) as f:
            source = f.read()
        name = path
    else:
        raise ValueError("BPF() needs text= or src_file=")
    if hdr_file:
        source = '#include "%s"\n' % to_str(hdr_file) + source
    return source, name
