"""tracekit.utils (bcc.utils): the small helpers BCC scripts import, from where they live."""

from ._text import ArgString, printb
from .kernel.cpus import get_online_cpus, get_possible_cpus
from .kernel.processes import detect_language

__all__ = ["ArgString", "printb", "get_online_cpus", "get_possible_cpus", "detect_language"]
