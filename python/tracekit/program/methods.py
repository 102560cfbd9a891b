"""The BPF class's methods on the program itself: loading functions for fd-attached programs
(load_func), its instructions (dump_func, disassemble_func) and its table layouts as text."""

from .._native import core
from .._text import to_bytes, to_str
from ..enums import BPFProgType


class Function:
    """A program loaded with load_func(): its BPF object, name and file descriptor."""

    def __init__(self, bpf, name, fd):
        self.bpf = bpf
        self.name = to_bytes(name)
        self.fd = fd


class ProgramMethods:
    Function = Function

    def load_func(self, func_name, prog_type, device=None, attach_type=-1):
        name = to_str(func_name)
        return Function(self, name, core.load_program(self._object, name, prog_type, attach_type))

    def load_funcs(self, prog_type=BPFProgType.KPROBE):
        """Every program of the object, loaded as prog_type."""
        return [self.load_func(p["name"], prog_type) for p in self._metadata["programs"]]

    def dump_func(self, func_name):
        """The instructions of BPF function func_name as bytes (8 per instruction), as
        compiled (map references unrelocated)."""
        return core.elf_function_bytes(self._elf, to_str(func_name))

    def disassemble_func(self, func_name):
        """func_name's instructions as text, in the verifier's syntax."""
        from .disassembler import disassemble_prog
        return disassemble_prog(func_name, self.dump_func(func_name))

    def decode_table(self, table_name, sizeinfo=False):
        """The key and leaf layouts of a table as C-like text."""
        from .disassembler import decode_map
        return decode_map(to_str(table_name), self[table_name], sizeinfo)
