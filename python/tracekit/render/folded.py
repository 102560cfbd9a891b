"""Folded stacks, the text format flame graph tools read, and the tree they fold into.

One stack per line, frames outermost first, separated by ";", then a space and a count:

    bash;main;read_line;__x64_sys_read_[k];vfs_read_[k] 42

A second count makes a differential line (before, after). Frames may carry an annotation
suffix saying what kind of code they are: ``_[k]`` kernel, ``_[j]`` JIT-compiled, ``_[i]``
inlined, ``_[w]`` a waker's frame (offwaketime). Lines that are empty, comments (``#``) or
without a count are skipped, as flame graph tools skip them.
"""

import re

ANNOTATIONS = {"_[k]": "kernel", "_[j]": "jit", "_[i]": "inline", "_[w]": "waker"}

_COUNT = re.compile(rb"^(.*?)\s+(-?\d+(?:\.\d+)?)(?:\s+(-?\d+(?:\.\d+)?))?\s*$")


def split_annotation(frame):
    """(name without its annotation, kind: "kernel", "jit", "inline", "waker" or "")."""
    for suffix, kind in ANNOTATIONS.items():
        if frame.endswith(suffix):
            return frame[:-len(suffix)], kind
    return frame, ""


def parse_line(line):
    """(frames, count, second count or None) of a folded line, or None for a line without a
    stack and a count. Accepts str or bytes; frames come back as str."""
    if isinstance(line, str):
        line = line.encode("utf-8", "surrogateescape")
    line = line.rstrip(b"\r\n")
    if not line.strip() or line.lstrip().startswith(b"#"):
        return None
    m = _COUNT.match(line)
    if not m or not m.group(1):
        return None
    frames = [f.decode("utf-8", "replace") for f in m.group(1).split(b";") if f]
    if not frames:
        return None
    first = _number(m.group(2))
    second = _number(m.group(3)) if m.group(3) is not None else None
    return frames, first, second


def _number(text):
    value = float(text)
    return int(value) if value.is_integer() else value


class Node:
    """A frame in the folded tree: its samples (the after-count for differential input),
    the before-count where differential, and its children by name."""

    __slots__ = ("name", "kind", "value", "before", "children")

    def __init__(self, name, kind=""):
        self.name = name
        self.kind = kind
        self.value = 0
        self.before = 0
        self.children = {}

    def child(self, frame):
        node = self.children.get(frame)
        if node is None:
            name, kind = split_annotation(frame)
            node = self.children[frame] = Node(name, kind)
        return node

    def sorted_children(self):
        """Children in name order, as flame graphs draw them (the x axis is not time)."""
        return [self.children[k] for k in sorted(self.children)]


class FoldedStacks:
    """Stacks merged into a tree. `differential` is True when any line had two counts: the
    first is then the "before" profile and the second the "after" one that sets the widths."""

    def __init__(self):
        self.root = Node("all")
        self.differential = False

    def add(self, frames, count, second=None):
        if second is not None:
            self.differential = True
            before, value = count, second
        else:
            before, value = 0, count
        node = self.root
        node.value += value
        node.before += before
        for frame in frames:
            node = node.child(frame)
            node.value += value
            node.before += before

    @classmethod
    def from_lines(cls, lines):
        stacks = cls()
        for line in lines:
            parsed = parse_line(line)
            if parsed:
                stacks.add(*parsed)
        return stacks

    @property
    def total(self):
        return self.root.value
