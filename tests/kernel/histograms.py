"""Reading BCC-format log2 histograms back from tool output, for the tool tests."""

import json
import re

ROW = re.compile(rb"^\s*(\d+) -> (\d+)\s*: (\d+)\s*\|")


def sections(out):
    """{section label or None: {(low, high): count}} from print_log2_hist text."""
    result, current = {}, None
    for line in out.splitlines():
        m = ROW.match(line)
        if m:
            result.setdefault(current, {})[(int(m.group(1)), int(m.group(2)))] = int(m.group(3))
        elif b" = " in line and not line.strip().startswith(b"usecs") and b":" not in line:
            current = line.split(b" = ", 1)[1].strip()
    return result


def total(out):
    return sum(sum(h.values()) for h in sections(out).values())


def json_sections(out):
    """{section value or None: {(low, high): count}} from the JSON lines of a histogram tool's
    --json output (stdout holds only JSON records; the banner goes to stderr)."""
    result = {}
    for line in out.splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        extra = [k for k in record if k not in ("ts", "val_type", "data")]
        label = record[extra[0]] if extra else None
        buckets = result.setdefault(label, {})
        for b in record["data"]:
            key = (b["interval-start"], b["interval-end"])
            buckets[key] = buckets.get(key, 0) + b["count"]
    return result
