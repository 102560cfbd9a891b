"""tracekit uobjnew counts the objects a Java and a Ruby workload allocate, and malloc() blocks
of a process by size (-l c)."""

from runtime_workloads import json_lines, start, start_java, traced


def table(out):
    """{NAME/TYPE: (allocs, bytes)}"""
    rows = {}
    for line in out.decode().splitlines():
        fields = line.rsplit(None, 2)
        if len(fields) == 3 and fields[1].isdigit() and fields[2].isdigit():
            rows[fields[0].strip()] = (int(fields[1]), int(fields[2]))
    return rows


def test_java_objects_by_class(java_classes):
    with start_java(java_classes) as java:
        out = traced(java, "uobjnew", "-l", "java", "{pid}", commands=["alloc 9"]).out
    count, size = table(out)["TkLangWorkload$TkLangObject"]
    assert count == 9
    # OpenJDK 17 passes the size (a header and one reference: 16 bytes with compressed class
    # pointers, 24 without) for the class's first allocation, on the runtime's slow path, and
    # 0 for the allocations compiled or interpreted code makes in its own buffer (measured).
    assert size in (16, 24)


def test_ruby_objects_and_top_count():
    with start("ruby") as ruby:
        out = traced(ruby, "rubyobjnew", "-C", "50", "{pid}", commands=["alloc 40"]).out
    assert table(out)["TkRubyMarker"] == (40, 0)  # Ruby passes no size for objects


def test_malloc_sizes_json():
    with start("python") as python:
        uobjnew = traced(python, "cobjnew", "--json", "{pid}", commands=["malloc 7 123457"])
    records = {r["name"]: r for r in json_lines(uobjnew.out)}
    assert records["block size 123457"] == {"name": "block size 123457", "allocs": 7, "bytes": 7 * 123457}
