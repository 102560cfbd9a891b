"""tracekit.tools.runtimes: the language table the u* tools share, BCC's short names as links
in tools/, and the typed argument slots the BPF programs read."""

import os

import pytest

from support.processes import TOOLS, run_tool
from tracekit.tools import runtimes

U_TOOLS = {"ucalls": "calls", "uflow": "calls", "ugc": "gc", "uobjnew": "allocs", "ustat": "stat",
           "uthreads": "threads"}


def test_every_short_name_is_a_link_to_its_tool():
    links = {name: os.readlink(os.path.join(TOOLS, name)) for name in os.listdir(TOOLS)
             if os.path.islink(os.path.join(TOOLS, name))}
    assert links == {short: tool for short, (tool, _language) in runtimes.SHORT_NAMES.items()}
    assert len(links) == 28  # BCC's wrapper scripts


@pytest.mark.parametrize("short", sorted(runtimes.SHORT_NAMES))
def test_short_names_name_a_language_their_tool_serves(short):
    tool, language = runtimes.SHORT_NAMES[short]
    if language == "c":
        assert tool == "uobjnew"
    else:
        assert getattr(runtimes.RUNTIMES[language], U_TOOLS[tool]), (short, tool, language)


def test_short_name_puts_its_language_first():
    name, argv = runtimes.invoked_as("/x/tools/rubygc", ["-m", "12"])
    assert (name, argv) == ("rubygc", ["-l", "ruby", "-m", "12"])
    assert runtimes.invoked_as("/x/tools/ugc", ["12"]) == ("ugc", ["12"])


def test_slots_become_typed_defines():
    java = runtimes.RUNTIMES["java"].calls
    assert runtimes.defines(clazz=java.clazz, method=java.method) == {
        "CLAZZ_ARG": 2, "CLAZZ_LEN_ARG": 3, "METHOD_ARG": 4, "METHOD_LEN_ARG": 5}
    tcl = runtimes.RUNTIMES["tcl"].calls
    assert runtimes.defines(clazz=tcl.clazz, size=0) == {"CLAZZ_ARG": 0, "CLAZZ_LEN_ARG": 0, "SIZE_ARG": 0}


def test_short_name_examples_drop_the_language():
    text = runtimes.examples("rubycalls", [("ruby", "-l ruby 1344 -L", "latency"), ("java", "-l java 1", "no"),
                                           (None, "-l none 5 -S", "syscalls")])
    assert "tracekit rubycalls 1344 -L" in text and "java" not in text and "-l none 5 -S" in text


def test_method_names():
    assert runtimes.method_name(b"java/lang/String", b"length") == "java/lang/String.length"
    assert runtimes.method_name(b"", b"myproc") == "myproc"


@pytest.mark.parametrize("args", [["-l", "cobol", "1"], ["-l", "java", "x"], ["-l", "java", "-3"],
                                  ["-l", "java", "1", "0"]])
def test_ucalls_rejects_bad_values(args):
    out = run_tool("ucalls", *args)
    assert out.returncode == 2 and b"usage: ucalls" in out.stderr


@pytest.mark.parametrize("tool,args", [
    ("uflow", ["-l", "java", "-M", "x" * 80, "1"]),
    ("ugc", ["-l", "java", "-M", "-1", "1"]),
    ("uobjnew", ["-l", "java", "-C", "0", "1"]),
    ("ustat", ["-S", "nosuchfield"]),
    ("ustat", ["0"]),
    ("dbslower", ["oracle"]),
    ("dbslower", ["mysql", "-m", "-5"]),
    ("dbstat", ["postgres", "-p", "1; drop"]),
    ("mysqld_qslower", ["1", "fast"]),
    ("bashreadline", ["--nope"]),
])
def test_typed_options(tool, args):
    out = run_tool(tool, *args)
    assert out.returncode == 2 and ("usage: %s" % tool).encode() in out.stderr, out
