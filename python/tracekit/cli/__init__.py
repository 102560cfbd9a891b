"""The `tracekit` command (main.py): `list`, `doctor`, `tplist`, `reset-trace` and the tools."""

from .main import main

__all__ = ["main"]
