"""ctypes types built from the compiler's layouts match the program's offsets and sizes."""

import ctypes as ct

from tracekit.ctypes.layout import ctype_for


def test_struct_with_padding_and_char_array():
    layout = {"kind": "struct", "name": "data_t", "size": 32, "fields": [
        {"name": "pid", "offset": 0, "type": {"kind": "int", "size": 4, "signed": False}},
        {"name": "ts", "offset": 8, "type": {"kind": "int", "size": 8, "signed": False}},
        {"name": "comm", "offset": 16, "type": {"kind": "array", "count": 16, "elem": {"kind": "char", "size": 1}}},
    ]}
    cls = ctype_for(layout)
    assert ct.sizeof(cls) == 32
    assert cls.ts.offset == 8 and cls.comm.offset == 16
    raw = (ct.c_uint8 * 32)()
    v = cls.from_buffer(raw)
    v.pid, v.ts, v.comm = 7, 1 << 40, b"bash"
    assert (v.pid, v.ts, v.comm) == (7, 1 << 40, b"bash")


def test_integers_keep_sign_and_size():
    assert ctype_for({"kind": "int", "size": 4, "signed": True}) is ct.c_int32
    assert ctype_for({"kind": "int", "size": 8, "signed": False}) is ct.c_uint64
    assert ctype_for({"kind": "pointer", "size": 8}) is ct.c_ulonglong
    assert ct.sizeof(ctype_for({"kind": "int", "size": 16, "signed": False})) == 16


def test_union_and_anonymous_members():
    layout = {"kind": "struct", "name": "s", "size": 16, "fields": [
        {"name": "", "offset": 0, "type": {"kind": "union", "name": "", "size": 8, "fields": [
            {"name": "a", "offset": 0, "type": {"kind": "int", "size": 8, "signed": False}},
            {"name": "b", "offset": 0, "type": {"kind": "int", "size": 4, "signed": False}}]}},
        {"name": "c", "offset": 8, "type": {"kind": "int", "size": 4, "signed": True}},
    ]}
    cls = ctype_for(layout)
    v = cls()
    v.a = 0x100000002
    assert v.b == 2
    assert ct.sizeof(cls) == 16
