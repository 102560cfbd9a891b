"""tracekit.containers (bcc.containers): --cgroupmap/--mntnsmap filters, from
tracekit.program.containers."""

from .program.containers import filter_by_containers

__all__ = ["filter_by_containers"]
