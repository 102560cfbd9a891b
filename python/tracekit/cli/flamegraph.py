"""`tracekit flamegraph`: folded stacks in (files or stdin), an interactive SVG out.

    tracekit profile -f 10 > out.folded && tracekit flamegraph out.folded > cpu.svg
    tracekit offcputime -f 5 | tracekit flamegraph --colors io --countname us -o offcpu.svg
"""

import argparse
import sys

from ..render.flamegraph import PALETTES, FlameGraphOptions, write_svg
from ..render.folded import FoldedStacks, parse_line


def _positive_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a number: %r" % text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be >= 0: %r" % text)
    return value


def _width(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not an integer: %r" % text)
    if value < 100:
        raise argparse.ArgumentTypeError("must be at least 100 pixels: %r" % text)
    return value


def parser():
    p = argparse.ArgumentParser(
        prog="tracekit flamegraph",
        description="Draw folded stacks (Brendan Gregg's format, as profile -f, offcputime -f "
                    "and stackcount -f print them; two counts per line make a differential "
                    "graph) as an interactive SVG: hover, click to zoom, search.",
        epilog="examples:\n"
               "    tracekit profile -f 10 | tracekit flamegraph > cpu.svg\n"
               "    tracekit flamegraph --colors io --countname us off.folded -o off.svg\n"
               "    tracekit flamegraph --inverted --title 'Icicle' out.folded > icicle.svg",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", help="folded stack files (default: standard input)")
    p.add_argument("-o", "--output", default="-", help="write the SVG here (default: standard output)")
    p.add_argument("--title", default=None, help="title text (default: Flame Graph, or Icicle Graph)")
    p.add_argument("--subtitle", default="", help="second line of the title")
    p.add_argument("--width", type=_width, default=1200, help="width of the image in pixels (default 1200)")
    p.add_argument("--colors", choices=PALETTES, default="hot", help="palette (default hot)")
    p.add_argument("--inverted", action="store_true", help="icicle graph: callers on top, growing down")
    p.add_argument("--countname", default="samples", help="what the counts are (default samples)")
    p.add_argument("--minwidth", type=_positive_float, default=0.1,
                   help="omit frames narrower than this many pixels (default 0.1)")
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    stacks = FoldedStacks()
    sources = args.files or ["-"]
    for name in sources:
        try:
            stream = sys.stdin.buffer if name == "-" else open(name, "rb")
        except OSError as e:
            sys.stderr.write("tracekit flamegraph: %s\n" % e)
            return 1
        with stream:
            for line in stream:
                parsed = parse_line(line)
                if parsed:
                    stacks.add(*parsed)
    if stacks.total <= 0:
        sys.stderr.write("tracekit flamegraph: no stacks in the input (expected lines like "
                         "'comm;func_a;func_b 42')\n")
        return 1
    title = args.title or ("Icicle Graph" if args.inverted else "Flame Graph")
    options = FlameGraphOptions(title=title, subtitle=args.subtitle, width=args.width, colors=args.colors,
                                inverted=args.inverted, countname=args.countname, minwidth=args.minwidth)
    write_svg(args.output, stacks, options)
    return 0
