"""BPF instructions as text, and table layouts as text (BPF.disassemble_func,
BPF.decode_table; also importable as bcc.disassembler).

The instruction syntax is the kernel verifier's ("r1 = *(u64 *)(r10 -8)", "if r0 == 0x0 goto
pc+3", "call bpf_map_lookup_elem#1"), decoded from the eBPF encoding (8-byte instructions:
opcode, dst/src registers, 16-bit offset, 32-bit immediate; ld_imm64 takes two).
"""

import ctypes as ct
import re
import struct

_CLASSES = {0: "ld", 1: "ldx", 2: "st", 3: "stx", 4: "alu", 5: "jmp", 6: "jmp32", 7: "alu64"}
_ALU = {0x00: "+=", 0x10: "-=", 0x20: "*=", 0x30: "/=", 0x40: "|=", 0x50: "&=", 0x60: "<<=", 0x70: ">>=",
        0x90: "%=", 0xa0: "^=", 0xb0: "=", 0xc0: "s>>="}
_JMP = {0x10: "==", 0x20: ">", 0x30: ">=", 0x40: "&", 0x50: "!=", 0x60: "s>", 0x70: "s>=", 0xa0: "<",
        0xb0: "<=", 0xc0: "s<", 0xd0: "s<="}
_SIZES = {0x00: "u32", 0x08: "u16", 0x10: "u8", 0x18: "u64"}
_ATOMIC = {0x00: "+=", 0x40: "|=", 0x50: "&=", 0xa0: "^="}
_PSEUDO_LD = {1: "map_fd", 2: "map_value", 3: "btf_id", 4: "func", 5: "map_idx", 6: "map_idx_value"}

_helpers = None


def helper_names():
    """{helper id: name} from the UAPI header's __BPF_FUNC_MAPPER (linux-libc-dev)."""
    global _helpers
    if _helpers is None:
        _helpers = {}
        try:
            with open("/usr/include/linux/bpf.h") as f:
                text = f.read()
        except OSError:
            return _helpers
        start = text.find("#define __BPF_FUNC_MAPPER(FN)")
        block = text[start:text.find("\n\n", start)] if start >= 0 else ""
        for i, m in enumerate(re.finditer(r"FN\((\w+)(?:,\s*(\d+))?", block)):
            _helpers[int(m.group(2)) if m.group(2) else i] = "bpf_" + m.group(1)
    return _helpers


def _reg(n, wide=True):
    return ("r%d" if wide else "w%d") % n


def _mem(size, reg, off):
    return "*(%s *)(r%d %+d)" % (_SIZES[size], reg, off)


def _alu(code, dst, src, off, imm):
    wide = code & 7 == 7
    op = code & 0xf0
    operand = _reg(src, wide) if code & 0x08 else "%#x" % (imm & 0xffffffff) if imm >= 0 else "%d" % imm
    if op == 0x80:
        return "%s = -%s" % (_reg(dst, wide), _reg(dst, wide))
    if op == 0xd0:
        order = "be" if code & 0x08 else "le"
        return "%s = %s%d %s" % (_reg(dst), order, imm, _reg(dst))
    if op not in _ALU:
        return None
    if op == 0xb0 and off in (8, 16, 32) and code & 0x08:  # movsx (cpu v4)
        return "%s = (s%d)%s" % (_reg(dst, wide), off, _reg(src, wide))
    return "%s %s %s" % (_reg(dst, wide), _ALU[op], operand)


def _jmp(code, dst, src, off, imm):
    op = code & 0xf0
    wide = code & 7 == 5
    if op == 0x00:
        return "goto pc%+d" % off
    if op == 0x80:
        if src == 1:
            return "call pc%+d" % imm
        return "call %s#%d" % (helper_names().get(imm, "unknown"), imm)
    if op == 0x90:
        return "exit"
    if op not in _JMP:
        return None
    operand = _reg(src, wide) if code & 0x08 else "%#x" % (imm & 0xffffffff)
    return "if %s %s %s goto pc%+d" % (_reg(dst, wide), _JMP[op], operand, off)


def _decode(insns, i):
    """(text, instructions consumed) of the instruction at index i."""
    code, regs, off, imm = insns[i]
    dst, src = regs & 0xf, regs >> 4
    cls = code & 7
    if code == 0x18:  # ld_imm64
        high = insns[i + 1][3] if i + 1 < len(insns) else 0
        value = (imm & 0xffffffff) | ((high & 0xffffffff) << 32)
        if src in _PSEUDO_LD:
            return "r%d = %s[id:%d] ll" % (dst, _PSEUDO_LD[src], imm), 2
        return "r%d = %#x ll" % (dst, value), 2
    if cls in (4, 7):
        text = _alu(code, dst, src, off, imm)
    elif cls in (5, 6):
        text = _jmp(code, dst, src, off, imm)
    elif cls == 1 and code & 0xe0 == 0x60:
        text = "r%d = %s" % (dst, _mem(code & 0x18, src, off))
    elif cls == 3 and code & 0xe0 == 0x60:
        text = "%s = r%d" % (_mem(code & 0x18, dst, off), src)
    elif cls == 2 and code & 0xe0 == 0x60:
        text = "%s = %d" % (_mem(code & 0x18, dst, off), imm)
    elif cls == 3 and code & 0xe0 == 0xc0:
        text = _atomic(code, dst, src, off, imm)
    elif cls == 0 and code & 0xe0 in (0x20, 0x40):
        text = "r0 = *(%s *)skb[%s%d]" % (_SIZES[code & 0x18], "r%d + " % src if code & 0xe0 == 0x40 else "", imm)
    else:
        text = None
    return (text or "invalid instruction (opcode %#04x)" % code), 1


def _atomic(code, dst, src, off, imm):
    size = _SIZES[code & 0x18]
    target = "*(%s *)(r%d %+d)" % (size, dst, off)
    fetch = imm & 0x01
    op = imm & 0xf0
    if imm == 0xe1:
        return "r%d = atomic%s_xchg(%s, r%d)" % (src, "64" if size == "u64" else "", target, src)
    if imm == 0xf1:
        return "r0 = atomic%s_cmpxchg(%s, r0, r%d)" % ("64" if size == "u64" else "", target, src)
    if op in _ATOMIC:
        if fetch:
            return "r%d = atomic%s_fetch_%s(%s, r%d)" % (
                src, "64" if size == "u64" else "", {0: "add", 0x40: "or", 0x50: "and", 0xa0: "xor"}[op], target, src)
        return "lock %s %s r%d" % (target, _ATOMIC[op], src)
    return None


def _instructions(bpfstr):
    if len(bpfstr) % 8:
        raise ValueError("BPF code is a whole number of 8-byte instructions, got %d bytes" % len(bpfstr))
    return [struct.unpack_from("<BBhi", bpfstr, i) for i in range(0, len(bpfstr), 8)]


def disassemble_str(bpfstr):
    """One line per instruction: "<index>: (<opcode>) <instruction>"."""
    insns = _instructions(bpfstr)
    lines, i = [], 0
    while i < len(insns):
        text, used = _decode(insns, i)
        lines.append("%4d: (%02x) %s" % (i, insns[i][0], text))
        i += used
    return "\n".join(lines)


def disassemble_prog(func_name, bpfstr):
    name = func_name.decode() if isinstance(func_name, bytes) else func_name
    return "Disassemble of BPF program %s:\n%s" % (name, disassemble_str(bpfstr))


# -- table layouts ----------------------------------------------------------------------------
_C_NAMES = {ct.c_int8: "s8", ct.c_uint8: "u8", ct.c_int16: "s16", ct.c_uint16: "u16", ct.c_int32: "s32",
            ct.c_uint32: "u32", ct.c_int64: "s64", ct.c_uint64: "u64", ct.c_char: "char", ct.c_bool: "bool",
            ct.c_float: "float", ct.c_double: "double"}


def _c_type(cls, name, indent, sizeinfo, offset=None):
    pad = "  " * indent
    where = ""
    if sizeinfo:
        where = " [size %d%s]" % (ct.sizeof(cls), "" if offset is None else ", offset %d" % offset)
    if cls is None:
        return "%s(none) %s" % (pad, name)
    if issubclass(cls, ct.Array):
        dims, elem = "", cls
        while issubclass(elem, ct.Array):
            dims += "[%d]" % elem._length_
            elem = elem._type_
        if issubclass(elem, (ct.Structure, ct.Union)):
            return _c_type(elem, name + dims, indent, sizeinfo, offset)
        return "%s%s %s%s;%s" % (pad, _C_NAMES.get(elem, elem.__name__), name, dims, where)
    if issubclass(cls, (ct.Structure, ct.Union)):
        kind = "union" if issubclass(cls, ct.Union) else "struct"
        lines = ["%s%s %s {%s" % (pad, kind, cls.__name__, where)]
        for field in cls._fields_:
            fname, ftype = field[0], field[1]
            if fname.startswith("__pad"):
                continue
            text = _c_type(ftype, fname, indent + 1, sizeinfo, getattr(cls, fname).offset)
            if len(field) > 2:
                text = text.replace(";", " : %d;" % field[2], 1)
            lines.append(text)
        lines.append("%s} %s;" % (pad, name))
        return "\n".join(lines)
    return "%s%s %s;%s" % (pad, _C_NAMES.get(cls, cls.__name__), name, where)


def decode_map(map_name, table, sizeinfo=False):
    """The key and leaf layouts of a table, C-like."""
    header = "Layout of BPF map %s (type %s, FD %d):" % (map_name, type(table).__name__, table.map_fd)
    return "\n".join([header, _c_type(table.Key, "key", 1, sizeinfo), _c_type(table.Leaf, "value", 1, sizeinfo)])
