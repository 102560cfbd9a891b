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


def _record(layout, hint):
    name = layout.get("name") or hint
    base = ct.Union if layout["kind"] == "union" else ct.Structure
    fields, anonymous = [], []
    packed = True
    if any("bits" in f for f in layout["fields"]) and layout["kind"] == "struct":
        packed = False
        fields, anonymous = _bitfield_fields(layout, name)
    else:
        at = 0
        pad = 0
        for i, f in enumerate(layout["fields"]):
            fname = f["name"] or "__anon%d" % i
            if not f["name"]:
                anonymous.append(fname)
            ftype = ctype_for(f["type"], fname)
            if layout["kind"] == "struct" and f["offset"] > at:
                fields.append(("__pad%d" % pad, ct.c_uint8 * (f["offset"] - at)))
                pad += 1
            fields.append((fname, ftype))
            at = f["offset"] + ct.sizeof(ftype)
        if layout["kind"] == "struct" and layout["size"] > at:
            fields.append(("__pad%d" % pad, ct.c_uint8 * (layout["size"] - at)))
    namespace = {"_fields_": fields}
    if packed:
        namespace["_pack_"] = 1
    if anonymous:
        namespace["_anonymous_"] = anonymous
    cls = type(str(name), (base,), namespace)
    if ct.sizeof(cls) != layout["size"]:
        # Fall back to opaque bytes rather than decode at wrong offsets.
        cls = type(str(name), (base,), {"_pack_": 1, "_fields_": [("raw", ct.c_uint8 * layout["size"])]})
    return cls


def _bitfield_fields(layout, name):
    """Structs with bitfields: natural (GCC) layout, which ctypes reproduces for bitfields."""
    fields, anonymous = [], []
    for i, f in enumerate(layout["fields"]):
        fname = f["name"] or "__anon%d" % i
        if not f["name"]:
            anonymous.append(fname)
        ftype = ctype_for(f["type"], fname)
        if "bits" in f:
            fields.append((fname, ftype, f["bits"]))
        else:
            fields.append((fname, ftype))
    return fields, anonymous
