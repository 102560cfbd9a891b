"""ctypes types from the type layouts the compiler records (docs/metadata.md).

The layouts carry exact offsets and sizes from Clang's record layout for the BPF target, so
structs are built packed with explicit padding and always match what the program wrote.
Conventions follow BCC: ``char`` arrays are ``c_char`` arrays (read as bytes), pointers are
``c_ulonglong``, 128-bit integers are pairs of ``c_ulonglong``.
"""

import ctypes as ct

_INTS = {
    (1, True): ct.c_int8, (1, False): ct.c_uint8,
    (2, True): ct.c_int16, (2, False): ct.c_uint16,
    (4, True): ct.c_int32, (4, False): ct.c_uint32,
    (8, True): ct.c_int64, (8, False): ct.c_uint64,
}

_cache = {}


def ctype_for(layout, hint="anon"):
    """The ctypes type for a layout dict."""
    key = repr(sorted(layout.items())) if isinstance(layout, dict) else None
    if key is not None and key in _cache:
        return _cache[key]
    result = _build(layout, hint)
    if key is not None:
        _cache[key] = result
    return result


def _build(layout, hint):
    kind = layout.get("kind")
    size = layout.get("size", 0)
    if kind == "int":
        if size == 16:
            return ct.c_ulonglong * 2
        return _INTS.get((size, bool(layout.get("signed"))), ct.c_uint8 * size)
    if kind == "char":
        return ct.c_char
    if kind == "bool":
        return ct.c_bool
    if kind == "float":
        return ct.c_float if size == 4 else ct.c_double
    if kind == "pointer":
        return ct.c_ulonglong
    if kind == "void":
        return ct.c_uint8 * 0
    if kind == "array":
        return ctype_for(layout["elem"], hint) * layout.get("count", 0)
    if kind in ("struct", "union"):
        return _record(layout, hint)
    return ct.c_uint8 * size


class _Unrepresentable(Exception):
    pass


def _record(layout, hint):
    """A Structure/Union with the layout's exact field offsets: packed, with explicit padding
    (which also gives 16-byte aligned __int128 members their place). If ctypes cannot express
    the layout (a bitfield sharing its storage unit with a preceding member), the natural
    (GCC) layout is tried, then opaque bytes ("raw") rather than fields at wrong offsets."""
    name = str(layout.get("name") or hint)
    base = ct.Union if layout["kind"] == "union" else ct.Structure
    candidates = []
    try:
        candidates.append((_packed_fields(layout), True))
    except _Unrepresentable:
        pass
    if any("bits" in f for f in layout["fields"]):
        candidates.append((_natural_fields(layout), False))
    for (fields, anonymous), packed in candidates:
        namespace = {"_fields_": fields}
        if packed:
            namespace["_pack_"] = 1
        if anonymous:
            namespace["_anonymous_"] = anonymous
        try:
            cls = type(name, (base,), namespace)
        except (TypeError, ValueError):
            continue
        if _matches(cls, layout):
            return cls
    return type(name, (base,), {"_pack_": 1, "_fields_": [("raw", ct.c_uint8 * layout["size"])]})


def _field_name(f, i):
    return f["name"] or "__anon%d" % i


def _packed_fields(layout):
    struct = layout["kind"] == "struct"
    fields, anonymous = [], []
    at, pad, unit = 0, 0, None  # unit: [offset, ctype, next bit] of the open bitfield unit

    def pad_to(offset):
        nonlocal at, pad
        if offset < at:
            raise _Unrepresentable()
        if offset > at:
            fields.append(("__pad%d" % pad, ct.c_uint8 * (offset - at)))
            pad += 1
            at = offset

    for i, f in enumerate(layout["fields"]):
        fname = _field_name(f, i)
        ftype = ctype_for(f["type"], fname)
        if "bits" in f:
            if f["bits"] == 0:
                unit = None
                continue
            if not f["name"]:
                fname = "__padbits%d" % i
            if struct and unit and unit[0] == f["offset"] and unit[1] is ftype and unit[2] == f["bit_offset"]:
                fields.append((fname, ftype, f["bits"]))
                unit[2] += f["bits"]
                continue
            if struct:
                pad_to(f["offset"])
                if f["bit_offset"]:
                    fields.append(("__padbits%d_" % i, ftype, f["bit_offset"]))
            fields.append((fname, ftype, f["bits"]))
            unit = [f["offset"], ftype, f["bit_offset"] + f["bits"]]
            at = f["offset"] + ct.sizeof(ftype) if struct else at
            continue
        unit = None
        if not f["name"]:
            anonymous.append(fname)
        if struct:
            pad_to(f["offset"])
            at = f["offset"] + ct.sizeof(ftype)
        fields.append((fname, ftype))
    if struct:
        pad_to(layout["size"])
    return fields, anonymous


def _natural_fields(layout):
    fields, anonymous = [], []
    for i, f in enumerate(layout["fields"]):
        fname = _field_name(f, i)
        ftype = ctype_for(f["type"], fname)
        if "bits" in f:
            if f["bits"]:
                fields.append((fname if f["name"] else "__padbits%d" % i, ftype, f["bits"]))
        else:
            if not f["name"]:
                anonymous.append(fname)
            fields.append((fname, ftype))
    return fields, anonymous


def _matches(cls, layout):
    if ct.sizeof(cls) != layout["size"]:
        return False
    for i, f in enumerate(layout["fields"]):
        if not f["name"] or f.get("bits") == 0:
            continue
        if getattr(cls, f["name"]).offset != f["offset"]:
            return False
    return True
