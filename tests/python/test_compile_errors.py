"""Compile errors point into the user's text, and compiling never needs the kernel's help
beyond reading BTF (these tests need no root)."""

import json

import pytest

from tracekit import CompileError
from tracekit._native import core


def compile_btf(text):
    return core.compile(text, "program.c", [], 0)


def test_undeclared_identifier_points_at_user_line():
    with pytest.raises(CompileError) as e:
        compile_btf("int hello(void *ctx) {\n  return undefined_thing;\n}\n")
    sev, file, line, col, msg = e.value.diagnostics[0]
    assert (sev, file, line, col) == ("error", "program.c", 2, 10)
    assert "undefined_thing" in msg


def test_src_file_name_appears_in_diagnostics(tmp_path):
    from tracekit import BPF
    src = tmp_path / "myprog.c"
    src.write_text("int hello(void *ctx) { return nope; }\n")
    with pytest.raises(CompileError) as e:
        BPF(src_file=str(src))
    assert "myprog.c:1:31" in str(e.value)


def test_metadata_lists_programs_and_maps():
    out = compile_btf("BPF_HASH(h); int kprobe__do_nanosleep(void *ctx) { return 0; }")
    meta = json.loads(out.metadata)
    assert [m["name"] for m in meta["maps"]] == ["h"]
    assert meta["programs"][0]["target"] == "do_nanosleep"
