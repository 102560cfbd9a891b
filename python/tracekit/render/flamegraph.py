"""Flame graphs as self-contained interactive SVG, from folded stacks (folded.py).

    stacks = FoldedStacks.from_lines(open("out.folded"))
    svg = flamegraph_svg(stacks, FlameGraphOptions(title="CPU", colors="hot"))

Each frame is a box as wide as its share of the samples, on top of its caller (or below it,
inverted: an icicle graph). The SVG carries its own script (flamegraph.js): hover details,
click to zoom, reset, search with highlighting and the matched share; nothing is loaded from
the network. Colours are a function of the frame's name, so a function keeps its colour from
one graph to the next; kernel frames (``_[k]``) take a palette apart from user frames;
differential input (two counts) is coloured by the change, red for more, blue for less.

This module only writes SVG; another output format (pprof, speedscope) is another module over
the same FoldedStacks.
"""

import hashlib
import html
import os

from .folded import FoldedStacks

PALETTES = ("hot", "mem", "io", "wakeup", "java")
FRAME_HEIGHT = 16
FONT_SIZE = 12
CHAR_WIDTH = FONT_SIZE * 0.59  # average glyph width of the font, for fitting labels
MARGIN = 10
TOP = FONT_SIZE * 2 + 22        # title (and subtitle) above the frames
BOTTOM = FONT_SIZE * 2 + 10     # the details line below them


class FlameGraphOptions:
    def __init__(self, title="Flame Graph", subtitle="", width=1200, colors="hot", inverted=False,
                 countname="samples", minwidth=0.1, name_type="Function:"):
        if colors not in PALETTES:
            raise ValueError("colors must be one of %s, not %r" % (", ".join(PALETTES), colors))
        if width < 100:
            raise ValueError("width must be at least 100 pixels")
        self.title = title
        self.subtitle = subtitle
        self.width = width
        self.colors = colors
        self.inverted = inverted
        self.countname = countname
        self.minwidth = minwidth  # frames narrower than this (pixels) are left out
        self.name_type = name_type


def _unit(name, salt):
    """A stable number in [0, 1) from the name: the same function, the same colour."""
    digest = hashlib.blake2b((salt + name).encode("utf-8", "replace"), digest_size=4).digest()
    return int.from_bytes(digest, "little") / 2 ** 32


def _palette_color(palette, name, kind):
    v1, v2, v3 = _unit(name, "a"), _unit(name, "b"), _unit(name, "c")
    if kind == "kernel":
        palette = "kernel" if palette != "io" else "kernel-io"
    elif kind in ("jit", "inline"):
        palette = "green" if kind == "jit" else "aqua"
    elif kind == "waker" or name == "--":
        palette = "aqua"
    elif palette == "java":
        palette = "green" if ("/" in name or "." in name) and "::" not in name else \
            "yellow" if "::" in name else "red"
    if palette == "hot":
        return 205 + int(50 * v3), int(230 * v1), int(55 * v2)
    if palette == "mem":
        return 0, 190 + int(50 * v2), int(210 * v1)
    if palette == "io":
        return 80 + int(60 * v1), 80 + int(60 * v1), 190 + int(55 * v2)
    if palette == "wakeup":
        return 0, 150 + int(60 * v2), 200 + int(55 * v1)
    if palette == "kernel":
        return 60 + int(60 * v1), 140 + int(50 * v2), 205 + int(50 * v3)
    if palette == "kernel-io":
        return 230 + int(25 * v1), 150 + int(50 * v2), 40 + int(40 * v3)
    if palette == "green":
        return 50 + int(60 * v1), 200 + int(55 * v2), 50 + int(60 * v1)
    if palette == "aqua":
        return 50 + int(60 * v1), 165 + int(55 * v1), 165 + int(55 * v1)
    if palette == "yellow":
        return 175 + int(55 * v1), 175 + int(55 * v1), 50 + int(20 * v2)
    return 200 + int(55 * v1), 50 + int(80 * v1), 50 + int(80 * v1)  # red


def _delta_color(delta, largest):
    """White for no change, toward red for growth and blue for shrinkage."""
    if largest <= 0 or delta == 0:
        return 250, 250, 250
    shade = int(210 * min(1.0, abs(delta) / largest))
    return (255, 250 - shade, 250 - shade) if delta > 0 else (250 - shade, 250 - shade, 255)


def _layout(stacks, options):
    """[(node, x in samples, depth)] of the frames wide enough to draw, root first."""
    total = stacks.total
    span = options.width - 2 * MARGIN
    min_samples = options.minwidth * total / span if total else 0
    out = []
    todo = [(stacks.root, 0, 0)]
    while todo:
        node, x, depth = todo.pop()
        if node.value < min_samples:
            continue
        out.append((node, x, depth))
        child_x = x
        for child in node.sorted_children():
            todo.append((child, child_x, depth + 1))
            child_x += child.value
    return out


def flamegraph_svg(stacks, options=None):
    """The SVG text of a flame graph of `stacks` (FoldedStacks)."""
    options = options or FlameGraphOptions()
    total = stacks.total
    frames = _layout(stacks, options) if total > 0 else []
    depth_max = max((d for _, _, d in frames), default=0)
    height = int(TOP + (depth_max + 1) * FRAME_HEIGHT + BOTTOM)
    span = options.width - 2 * MARGIN
    largest_delta = max((abs(n.value - n.before) for n, _, _ in frames), default=0)

    def y_of(depth):
        if options.inverted:
            return TOP + depth * FRAME_HEIGHT
        return height - BOTTOM - (depth + 1) * FRAME_HEIGHT

    esc = lambda s: html.escape(str(s), quote=True)
    out = ['<?xml version="1.0" standalone="no"?>',
           '<svg version="1.1" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'viewBox="0 0 %d %d" data-total="%s" data-left="%d" data-span="%d" data-char-width="%.3f" '
           'data-countname="%s">' % (options.width, height, options.width, height, total, MARGIN, span,
                                     CHAR_WIDTH, esc(options.countname)),
           "<style>",
           "  text { font-family: Verdana, sans-serif; font-size: %dpx; fill: rgb(0,0,0); }" % FONT_SIZE,
           "  g.frame:hover rect { stroke: black; stroke-width: 0.5; cursor: pointer; }",
           "  g.frame text { pointer-events: none; }",
           "  g.parent { opacity: 0.5; }",
           "  .title { font-size: %dpx; }" % (FONT_SIZE + 5),
           "  .button { cursor: pointer; }",
           "</style>",
           '<rect x="0" y="0" width="%d" height="%d" fill="rgb(248,248,248)"/>' % (options.width, height),
           '<text class="title" x="%.1f" y="%d" text-anchor="middle">%s</text>'
           % (options.width / 2, FONT_SIZE + 12, esc(options.title))]
    if options.subtitle:
        out.append('<text x="%.1f" y="%d" text-anchor="middle" fill="rgb(160,160,160)">%s</text>'
                   % (options.width / 2, FONT_SIZE * 2 + 14, esc(options.subtitle)))
    out += ['<text class="details" x="%d" y="%d"> </text>' % (MARGIN, height - FONT_SIZE // 2 - 4),
            '<text class="unzoom button" x="%d" y="%d" style="display:none">Reset Zoom</text>'
            % (MARGIN, FONT_SIZE + 12),
            '<text class="search button" x="%d" y="%d" text-anchor="end">Search</text>'
            % (options.width - MARGIN, FONT_SIZE + 12),
            '<text class="matched" x="%d" y="%d" text-anchor="end" style="display:none"> </text>'
            % (options.width - MARGIN, height - FONT_SIZE // 2 - 4),
            '<g class="frames">']
    for node, x, depth in frames:
        if stacks.differential:
            rgb = _delta_color(node.value - node.before, largest_delta)
        elif node is stacks.root:
            rgb = (190, 190, 190)
        else:
            rgb = _palette_color(options.colors, node.name, node.kind)
        fill = "rgb(%d,%d,%d)" % rgb
        x_px = MARGIN + x / total * span
        w_px = node.value / total * span
        room = int((w_px - 6) / CHAR_WIDTH)
        label = "" if room < 3 else node.name if len(node.name) <= room else node.name[:room - 2] + ".."
        shown = node.name + (" [kernel]" if node.kind == "kernel" else "")
        delta = ""
        if stacks.differential:
            change = node.value - node.before
            delta = ' data-delta="%s%s"' % ("+" if change >= 0 else "", esc(change))
        out.append('<g class="frame" data-x="%s" data-w="%s" data-depth="%d" data-name="%s" data-kind="%s"%s>'
                   '<title>%s (%s %s, %.2f%%)</title>'
                   '<rect x="%.2f" y="%.1f" width="%.2f" height="%d" rx="2" ry="2" fill="%s" data-fill="%s"/>'
                   '<text x="%.2f" y="%.1f">%s</text></g>'
                   % (x, node.value, depth, esc(node.name), esc(node.kind), delta, esc(shown), format(node.value, ","),
                      esc(options.countname), 100.0 * node.value / total, x_px, y_of(depth),
                      w_px, FRAME_HEIGHT - 1, fill, fill, x_px + 3, y_of(depth) + FRAME_HEIGHT - 4,
                      esc(label)))
    out.append("</g>")
    out.append("<script><![CDATA[\n%s\n]]></script>" % _script())
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _script():
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "flamegraph.js")) as f:
        return f.read()


def write_svg(path, stacks, options=None):
    """Writes the flame graph of `stacks` to `path` ("-": stdout)."""
    text = flamegraph_svg(stacks, options)
    if path == "-":
        import sys
        sys.stdout.write(text)
        return
    with open(path, "w") as f:
        f.write(text)


def from_folded_lines(lines, options=None):
    """SVG text from folded lines (str or bytes)."""
    return flamegraph_svg(FoldedStacks.from_lines(lines), options)
