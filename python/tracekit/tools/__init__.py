"""The shared library of tracekit's bundled tools (tools/ in the source tree).

A tool is mostly declaration: its options (cli.py), its BPF C file next to it in tools/bpf/,
its output columns (columns.py), and one of the run loops (run.py). Nothing a user types is
pasted into C: filters reach the program as typed -D values.
"""
