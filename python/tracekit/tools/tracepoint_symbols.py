"""Names of a tracepoint field's values, as the kernel itself prints them.

A tracepoint's format file ends in its print format, where __print_symbolic(REC->field,
{value, "name"}, ...) lists the names the kernel uses for an enum or code field (KVM exit
reasons, page migration reasons...). Reading them from the running kernel keeps a tool's names
right on every kernel, without a copy of the kernel's tables:

    tables = symbol_tables("migrate", "mm_migrate_pages")
    names = [t for expr, t in tables if expr == "REC->reason"][0]     # {5: "numa_misplaced", ...}
"""

import os

TRACEFS_ROOTS = ("/sys/kernel/tracing", "/sys/kernel/debug/tracing")


def print_format(category, event):
    """The print format of tracepoint category:event, or None if it has none here."""
    for root in TRACEFS_ROOTS:
        try:
            with open(os.path.join(root, "events", category, event, "format")) as f:
                text = f.read()
        except OSError:
            continue
        _, _, fmt = text.partition("print fmt:")
        return fmt.strip() if fmt else None
    return None


def _arguments(text, start):
    """The top-level comma-separated arguments of the call whose "(" is at text[start], and
    the index after its ")"."""
    args, depth, current, i = [], 0, [], start + 1
    quote = None
    while i < len(text):
        c = text[i]
        if quote:
            current.append(c)
            if c == "\\":
                current.append(text[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
            current.append(c)
        elif c in "({[":
            depth += 1
            current.append(c)
        elif c in ")}]":
            if depth == 0:
                args.append("".join(current).strip())
                return args, i + 1
            depth -= 1
            current.append(c)
        elif c == "," and depth == 0:
            args.append("".join(current).strip())
            current = []
        else:
            current.append(c)
        i += 1
    return args, i


def _value(expression):
    """A table entry's value: a number, or a sum of numbers ("0x040 + 14")."""
    return sum(int(term.strip(), 0) for term in expression.split("+"))


def symbol_tables(category, event):
    """[(field expression, {value: name})] for each __print_symbolic of the tracepoint's print
    format, in order; [] where the tracepoint or its format is missing."""
    return parse_symbol_tables(print_format(category, event) or "")


def parse_symbol_tables(fmt):
    """symbol_tables() of a print format's text."""
    tables = []
    at = 0
    while fmt:
        at = fmt.find("__print_symbolic(", at)
        if at < 0:
            break
        args, at = _arguments(fmt, at + len("__print_symbolic"))
        names = {}
        for entry in args[1:]:
            inner, _ = _arguments("(" + entry.strip().lstrip("{").rstrip("}") + ")", 0)
            if len(inner) == 2 and inner[1].startswith('"'):
                try:
                    names[_value(inner[0]) & 0xffffffff] = inner[1].strip('"')
                except ValueError:
                    continue
        tables.append((args[0] if args else "", names))
    return tables
