"""ctypes keys and leaves as plain Python values, for tables and data frames: integers as int,
char arrays as str, structs as {field: value} (padding left out), arrays as lists."""

import ctypes as ct


def plain(value):
    if isinstance(value, (ct.Structure, ct.Union)):
        return {name: plain(getattr(value, name)) for name, *_ in type(value)._fields_
                if not name.startswith("__pad")}
    if isinstance(value, ct.Array):
        if value._type_ is ct.c_char:
            return value.value.decode(errors="replace")
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return value.decode(errors="replace")
    if hasattr(value, "value"):
        return value.value
    return value


def flat(value, prefix):
    """{column: value}: a struct's fields as columns (a nested struct's as "outer.inner"),
    anything else as one column named `prefix`."""
    value = plain(value)
    return _flatten(value) if isinstance(value, dict) else {prefix: value}


def _flatten(mapping):
    out = {}
    for name, member in mapping.items():
        if isinstance(member, dict):
            out.update({"%s.%s" % (name, k): v for k, v in _flatten(member).items()})
        else:
            out[name] = member
    return out
