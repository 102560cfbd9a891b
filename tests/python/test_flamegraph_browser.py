"""The flame graph SVG in a real browser (headless Chromium): frames render, a click zooms into
a frame, a search highlights the matches and shows their share, and nothing logs an error."""

import struct
import zlib

import pytest

from support import chromium
from tracekit.render.flamegraph import flamegraph_svg
from tracekit.render.folded import FoldedStacks

pytestmark = pytest.mark.skipif(not chromium.available(),
                                reason="needs Debian's chromium and python3-websocket (scripts/setup installs them)")

FOLDED = ["bash;main;work_a 30", "bash;main;work_b 10", "bash;main;work_b;vfs_read_[k] 5",
          "python3;run;tk_spin_[k] 55"]

FRAME = """(function (name) {
  var g = Array.prototype.find.call(document.querySelectorAll("g.frame"),
                                    function (e) { return e.getAttribute("data-name") === name; });
  var r = g.querySelector("rect"), box = r.getBoundingClientRect();
  return {x: box.x + box.width / 2, y: box.y + box.height / 2, width: parseFloat(r.getAttribute("width")),
          fill: r.getAttribute("fill"), shown: g.style.display !== "none", label: g.querySelector("text").textContent};
})(%r)"""


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = tmp_path_factory.mktemp("flame") / "graph.svg"
    path.write_text(flamegraph_svg(FoldedStacks.from_lines(FOLDED)))
    with chromium.Browser() as browser:
        browser.open(str(path))
        yield browser


def frame(page, name):
    return page.evaluate(FRAME % name)


def png_colours(png):
    """The distinct RGB colours of a PNG screenshot (8-bit RGB or RGBA, no interlace)."""
    pos, chunks = 8, []
    width = height = None
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", data[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            chunks.append(data)
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    colours, previous = set(), bytearray(stride)
    for row in range(height):
        line = bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        kind = raw[row * (stride + 1)]
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, upleft = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - upleft
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upleft)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else upleft)) & 255
        previous = line
        for i in range(0, stride, channels * 7):
            colours.add(bytes(line[i:i + 3]))
    return colours


def test_frames_render(page):
    assert page.evaluate('document.querySelectorAll("g.frame").length') == 9
    colours = png_colours(page.screenshot())
    assert len(colours) > 5  # frames in several colours, not a blank page
    assert frame(page, "work_a")["label"] == "work_a"


def test_click_zooms_into_the_frame_and_reset_undoes_it(page):
    before = frame(page, "work_b")
    page.click(before["x"], before["y"])
    zoomed = frame(page, "work_b")
    assert zoomed["width"] == pytest.approx(1180, abs=0.01)  # the whole width
    assert frame(page, "vfs_read")["width"] == pytest.approx(5 / 15 * 1180, abs=0.01)
    assert not frame(page, "work_a")["shown"] and not frame(page, "python3")["shown"]
    assert frame(page, "main")["shown"]  # its caller stays, dimmed
    page.evaluate('document.querySelector(".unzoom").dispatchEvent(new MouseEvent("click"))')
    assert frame(page, "work_b")["width"] == pytest.approx(before["width"], abs=0.01)
    assert frame(page, "python3")["shown"]


def test_search_highlights_matches_and_shows_their_share(page):
    share = page.evaluate('document.documentElement.tracekit.search("work_")')
    assert share == 45.0  # work_a 30 + work_b 15 (vfs_read is inside work_b: counted once)
    assert frame(page, "work_a")["fill"] == "rgb(230,0,230)"
    assert frame(page, "main")["fill"] != "rgb(230,0,230)"
    assert page.evaluate('document.querySelector(".matched").textContent') == "Matched: 45.00%"
    page.evaluate('document.documentElement.tracekit.resetSearch()')
    assert frame(page, "work_a")["fill"] != "rgb(230,0,230)"


def test_hover_shows_details_and_nothing_logged_an_error(page):
    spin = frame(page, "tk_spin")
    page.call("Input.dispatchMouseEvent", type="mouseMoved", x=spin["x"], y=spin["y"])
    assert page.evaluate('document.querySelector(".details").textContent') == \
        "tk_spin [kernel] (55 samples, 55.00%)"
    assert page.errors == []
