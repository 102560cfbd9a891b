"""tracekit.disassembler (bcc.disassembler): BPF instructions and table layouts as text, from
tracekit.program.disassembler."""

from .program.disassembler import decode_map, disassemble_prog, disassemble_str, helper_names

__all__ = ["disassemble_prog", "disassemble_str", "decode_map", "helper_names"]
