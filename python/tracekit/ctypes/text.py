"""Text forms of ctypes keys and leaves (BCC's key_sprintf/leaf_sprintf and *_scanf).

Integers are written in hex ("0x2a"), records and arrays as brace-enclosed lists of their
members in order ("{0x1 {0x2 0x3}}"), char arrays as quoted strings; from_text() reads the same
form back.
"""

import ctypes as ct


def _fields(cls):
    return [f for f in cls._fields_ if not f[0].startswith("__pad")]


def to_text(value):
    if isinstance(value, (ct.Structure, ct.Union)):
        return "{" + " ".join(to_text(getattr(value, f[0])) for f in _fields(type(value))) + "}"
    if isinstance(value, ct.Array):
        if value._type_ is ct.c_char:
            return '"%s"' % value.value.decode(errors="backslashreplace")
        return "{" + " ".join(to_text(v) for v in value) + "}"
    if isinstance(value, bytes):
        return '"%s"' % value.decode(errors="backslashreplace")
    if hasattr(value, "value"):
        value = value.value
    if isinstance(value, bool):
        return "0x1" if value else "0x0"
    if isinstance(value, int):
        return hex(value) if value >= 0 else "-" + hex(-value)
    return repr(value)


def _tokens(text):
    i = 0
    while i < len(text):
        c = text[i]
        if c.isspace() or c == ",":
            i += 1
        elif c in "{}":
            yield c
            i += 1
        elif c == '"':
            end = text.index('"', i + 1)
            yield text[i:end + 1]
            i = end + 1
        else:
            j = i
            while j < len(text) and not (text[j].isspace() or text[j] in '{},"'):
                j += 1
            yield text[i:j]
            i = j


def _parse(cls, tokens):
    tok = next(tokens)
    if issubclass(cls, (ct.Structure, ct.Union, ct.Array)):
        if issubclass(cls, ct.Array) and cls._type_ is ct.c_char:
            if not tok.startswith('"'):
                raise ValueError("expected a quoted string for %s, got %r" % (cls.__name__, tok))
            return cls.from_buffer_copy(tok[1:-1].encode().ljust(ct.sizeof(cls), b"\0")[:ct.sizeof(cls)])
        if tok != "{":
            raise ValueError("expected '{' for %s, got %r" % (cls.__name__, tok))
        out = cls()
        if issubclass(cls, ct.Array):
            for i in range(cls._length_):
                out[i] = _value(_parse(cls._type_, tokens))
        else:
            for name, ftype, *_ in _fields(cls):
                setattr(out, name, _value(_parse(ftype, tokens)))
        if next(tokens) != "}":
            raise ValueError("too many members for %s" % cls.__name__)
        return out
    if cls is ct.c_char:
        return cls(tok.strip('"').encode()[:1])
    if issubclass(cls, (ct.c_float, ct.c_double)):
        return cls(float(tok))
    return cls(int(tok, 0))


def _value(v):
    if isinstance(v, ct.Array) and v._type_ is ct.c_char:
        return v.raw
    if isinstance(v, (ct.Structure, ct.Union, ct.Array)):
        return v
    return v.value


def from_text(cls, text):
    if isinstance(text, bytes):
        text = text.decode()
    return _parse(cls, iter(list(_tokens(text))))
