"""Output columns: one spec drives the header, the text rows and the JSON keys."""

import json
import sys


class Column:
    def __init__(self, title, width, key=None, fmt=None, left=True, last=False):
        """title: header text; width: field width; key: the row dict's key (and JSON key,
        default title.lower()); fmt: how to format the value; last: no padding."""
        self.title = title
        self.width = width
        self.key = key or title.lower()
        self.fmt = fmt or "{}"
        self.left = left
        self.last = last

    def cell(self, value):
        text = self.fmt.format(value) if not isinstance(value, bytes) else value.decode(errors="replace")
        if self.last:
            return text
        return text.ljust(self.width) if self.left else text.rjust(self.width)

    def head(self):
        if self.last:
            return self.title
        return self.title.ljust(self.width) if self.left else self.title.rjust(self.width)


class Table:
    """Prints rows (dicts) as aligned text, or as JSON lines. `json_extra` names row keys that
    only JSON carries (exact values where the text shows rounded ones)."""

    def __init__(self, columns, as_json=False, out=None, json_extra=()):
        self.columns = columns
        self.as_json = as_json
        self.out = out or sys.stdout
        self.json_extra = json_extra

    def header(self):
        if not self.as_json:
            self._write(" ".join(c.head() for c in self.columns))

    def row(self, values):
        if self.as_json:
            record = {}
            for key in [c.key for c in self.columns] + list(self.json_extra):
                v = values.get(key)
                record[key] = v.decode(errors="replace") if isinstance(v, bytes) else v
            self._write(json.dumps(record))
        else:
            self._write(" ".join(c.cell(values.get(c.key, "")) for c in self.columns))

    def _write(self, line):
        self.out.write(line + "\n")
        self.out.flush()
