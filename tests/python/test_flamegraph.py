"""Flame graphs: folded stacks parse as flame graph tools read them, and the SVG has one box per
frame, as wide as its share of the samples, with its script; `tracekit flamegraph` wraps it."""

import io
import subprocess
import sys
from xml.etree import ElementTree

import pytest

from tracekit.render.flamegraph import FlameGraphOptions, flamegraph_svg
from tracekit.render.folded import FoldedStacks, parse_line, split_annotation

SVG = "{http://www.w3.org/2000/svg}"
FOLDED = """\
# profile of a test
bash;main;work_a 30
bash;main;work_b 10
bash;main;work_b;vfs_read_[k] 5
python3;run;tk_spin_[k] 55
not a stack line
"""


def frames_of(svg_text):
    root = ElementTree.fromstring(svg_text)
    out = {}
    for g in root.iter(SVG + "g"):
        if g.get("class") == "frame":
            out[(g.get("data-name"), int(g.get("data-depth")))] = g
    return root, out


def test_folded_lines_parse_with_annotations_and_two_counts():
    assert parse_line("a;b;c 42") == (["a", "b", "c"], 42, None)
    assert parse_line(b"a;b c 7 9\n") == (["a", "b c"], 7, 9)  # frames may hold spaces
    assert parse_line("# comment 3") is None and parse_line("nocount") is None and parse_line("") is None
    assert split_annotation("vfs_read_[k]") == ("vfs_read", "kernel")
    assert split_annotation("Interpreter_[j]") == ("Interpreter", "jit")
    assert split_annotation("main") == ("main", "")


def test_tree_merges_common_prefixes():
    stacks = FoldedStacks.from_lines(FOLDED.splitlines())
    assert stacks.total == 100
    bash = stacks.root.children["bash"]
    assert bash.value == 45
    work_b = bash.children["main"].children["work_b"]
    assert work_b.value == 15 and work_b.children["vfs_read_[k]"].kind == "kernel"


def test_svg_has_one_box_per_frame_as_wide_as_its_samples():
    options = FlameGraphOptions(width=1200)
    root, frames = frames_of(flamegraph_svg(FoldedStacks.from_lines(FOLDED.splitlines()), options))
    assert set(name for name, _ in frames) == {"all", "bash", "main", "work_a", "work_b", "vfs_read",
                                               "python3", "run", "tk_spin"}
    span = 1200 - 20
    for (name, depth), g in frames.items():
        rect = g.find(SVG + "rect")
        assert float(rect.get("width")) == pytest.approx(int(g.get("data-w")) / 100 * span, abs=0.01)
    assert int(frames[("work_a", 3)].get("data-w")) == 30
    assert "(30 samples, 30.00%)" in frames[("work_a", 3)].find(SVG + "title").text
    # Callers below callees: the deeper, the higher up (smaller y).
    y = lambda key: float(frames[key].find(SVG + "rect").get("y"))
    assert y(("all", 0)) > y(("bash", 1)) > y(("main", 2)) > y(("work_b", 3)) > y(("vfs_read", 4))
    script = root.find(SVG + "script").text
    assert "zoom" in script and "search" in script and "Matched" in script


def test_inverted_graph_grows_down():
    _, frames = frames_of(flamegraph_svg(FoldedStacks.from_lines(FOLDED.splitlines()),
                                         FlameGraphOptions(inverted=True)))
    y = lambda key: float(frames[key].find(SVG + "rect").get("y"))
    assert y(("all", 0)) < y(("bash", 1)) < y(("main", 2))


def test_frames_narrower_than_minwidth_are_left_out():
    lines = ["a;wide 100000", "a;narrow 1"]
    _, frames = frames_of(flamegraph_svg(FoldedStacks.from_lines(lines), FlameGraphOptions(minwidth=1)))
    assert ("wide", 2) in frames and ("narrow", 2) not in frames


def rgb(g):
    text = g.find(SVG + "rect").get("fill")
    return tuple(int(v) for v in text[4:-1].split(","))


def test_kernel_frames_are_coloured_apart_and_colours_are_stable():
    text = flamegraph_svg(FoldedStacks.from_lines(FOLDED.splitlines()))
    _, frames = frames_of(text)
    r, g, b = rgb(frames[("tk_spin", 3)])
    assert b > r  # kernel: the blue family; user frames in "hot" are red/yellow
    for key in (("work_a", 3), ("bash", 1)):
        r, g, b = rgb(frames[key])
        assert r >= 205 and b <= 55
    again = flamegraph_svg(FoldedStacks.from_lines(["other;work_a 3"]))
    assert rgb(frames_of(again)[1][("work_a", 2)]) == rgb(frames[("work_a", 3)])


def test_differential_input_colours_growth_red_and_shrinkage_blue():
    _, frames = frames_of(flamegraph_svg(FoldedStacks.from_lines(["a;grew 10 50", "a;shrank 40 5"])))
    r, g, b = rgb(frames[("grew", 2)])
    assert r == 255 and g < 250
    r, g, b = rgb(frames[("shrank", 2)])
    assert b == 255 and r < 250
    assert frames[("grew", 2)].get("data-delta") == "+40"


def test_bad_options_are_refused():
    with pytest.raises(ValueError):
        FlameGraphOptions(colors="rainbow")
    with pytest.raises(ValueError):
        FlameGraphOptions(width=10)


def tracekit(*args, stdin=b""):
    return subprocess.run([sys.executable, "-c", "import sys; from tracekit.cli import main; sys.exit(main())",
                           *args], input=stdin, capture_output=True)


def test_command_reads_stdin_and_files(tmp_path):
    folded = tmp_path / "in.folded"
    folded.write_text(FOLDED)
    out = tracekit("flamegraph", "--title", "My <graph>", "--countname", "us", "--colors", "io", str(folded))
    assert out.returncode == 0, out.stderr
    root, frames = frames_of(out.stdout)
    assert root.find(SVG + "text").text == "My <graph>"
    assert "(55 us, 55.00%)" in frames[("python3", 1)].find(SVG + "title").text
    piped = tracekit("flamegraph", "-o", str(tmp_path / "out.svg"), stdin=FOLDED.encode())
    assert piped.returncode == 0 and piped.stdout == b""
    assert frames_of((tmp_path / "out.svg").read_text())[1].keys() == frames.keys()


def test_command_errors_are_clear(tmp_path):
    empty = tracekit("flamegraph", stdin=b"no stacks here\n")
    assert empty.returncode == 1 and b"no stacks in the input" in empty.stderr
    missing = tracekit("flamegraph", str(tmp_path / "nope"))
    assert missing.returncode == 1 and b"No such file" in missing.stderr
    bad = tracekit("flamegraph", "--width", "5")
    assert bad.returncode == 2 and b"at least 100" in bad.stderr


def test_stack_tools_write_the_svg_through_the_shared_library(tmp_path):
    from tracekit.tools import stacks
    graph = FoldedStacks()
    stacks.add_to_graph(graph, b"my comm", [b"inner_user", b"main"], [b"vfs_read", b"ksys_read"], 7)
    err = io.StringIO()
    real, sys.stderr = sys.stderr, err
    try:
        stacks.write_flame_graph(str(tmp_path / "g.svg"), graph, stacks.FlameGraph("T", "us", "io"))
    finally:
        sys.stderr = real
    _, frames = frames_of((tmp_path / "g.svg").read_text())
    # Outermost first: comm, user frames from main inward, then kernel frames, annotated.
    assert [k for k in sorted(frames, key=lambda k: k[1])] == [
        ("all", 0), ("my_comm", 1), ("main", 2), ("inner_user", 3), ("ksys_read", 4), ("vfs_read", 5)]
    assert frames[("vfs_read", 5)].get("data-kind") == "kernel"
    assert "wrote a flame graph of 7 us" in err.getvalue()
