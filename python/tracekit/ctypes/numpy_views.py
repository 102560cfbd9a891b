"""numpy views of packed ctypes data, for the batch APIs (numpy is optional: python3-numpy)."""

import ctypes as ct

_dtypes = {}


_available = None


def available():
    """True if numpy can be imported (checked without importing it)."""
    global _available
    if _available is None:
        import importlib.util
        _available = importlib.util.find_spec("numpy") is not None
    return _available


def _build(np, cls):
    if issubclass(cls, ct.Array):
        if cls._type_ is ct.c_char:
            return np.dtype("S%d" % cls._length_)  # a C string reads as bytes
        return np.dtype((_build(np, cls._type_), (cls._length_,)))
    if issubclass(cls, (ct.Structure, ct.Union)):
        names, formats, offsets = [], [], []
        for field in cls._fields_:
            name, ftype = field[0], field[1]
            if len(field) > 2:
                raise TypeError("bitfields")
            if name.startswith("__pad"):
                continue
            descriptor = getattr(cls, name)
            names.append(name)
            formats.append(_build(np, ftype))
            offsets.append(descriptor.offset)
        return np.dtype({"names": names, "formats": formats, "offsets": offsets, "itemsize": ct.sizeof(cls)})
    return np.dtype(cls)


def dtype_of(cls):
    """The numpy dtype with the layout of ctypes type `cls`: fields by name at their offsets
    (padding left out), char arrays as bytes strings. Structs with bitfields, which numpy
    cannot describe, become opaque records of the right size ('V<n>')."""
    import numpy as np
    dtype = _dtypes.get(cls)
    if dtype is None:
        try:
            dtype = _build(np, cls)
        except (TypeError, ValueError, NotImplementedError):
            dtype = np.dtype("V%d" % ct.sizeof(cls))
        if dtype.itemsize != ct.sizeof(cls):
            dtype = np.dtype("V%d" % ct.sizeof(cls))
        _dtypes[cls] = dtype
    return dtype


def array_of(cls, buf, count):
    """`count` records of `cls` in `buf` as a numpy array sharing its memory."""
    import numpy as np
    return np.frombuffer(buf, dtype=dtype_of(cls), count=count)
