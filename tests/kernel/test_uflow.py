"""tracekit uflow shows the call flow of a Java and a PHP workload: entries and returns, nested."""

from runtime_workloads import json_lines, start, start_java, traced

METHOD_COLUMN = len("CPU PID    TID    TIME(s)  ")


def flow(out, prefix):
    """[(tid, METHOD column)] of the rows whose method starts with `prefix` after its arrow."""
    rows = []
    for line in out.decode().splitlines()[2:]:
        method = line[METHOD_COLUMN:]  # indented by depth: not split on blanks
        if method.lstrip()[3:].startswith(prefix):
            rows.append((int(line.split()[2]), method))
    return rows


def test_java_nested_calls(java_classes):
    with start_java(java_classes) as java:
        out = traced(java, "uflow", "-l", "java", "-C", "TkLangWorkload", "{pid}", commands=["calls 2"],
                     until=(b"<- TkLangWorkload.tkLangOuter\n", 2)).out
    rows = flow(out, "TkLangWorkload.tkLang")
    methods = [m for _tid, m in rows]
    one_call = ["-> TkLangWorkload.tkLangOuter", "  -> TkLangWorkload.tkLangInner",
                "  <- TkLangWorkload.tkLangInner", "<- TkLangWorkload.tkLangOuter"]
    depth = len(methods[0]) - len(methods[0].lstrip())  # main() is already running: its depth
    assert [m[depth:] for m in methods] == one_call * 2
    assert len({tid for tid, _m in rows}) == 1


def test_method_prefix_and_json(java_classes):
    with start_java(java_classes) as java:
        uflow = traced(java, "javaflow", "--json", "-M", "tkLangInner", "{pid}", commands=["calls 3"],
                       until=(b'"direction": "<-"', 3))
    records = [r for r in json_lines(uflow.out) if r["pid"] == java.pid]
    assert [(r["method"], r["direction"]) for r in records] == [("TkLangWorkload.tkLangInner", "->"),
                                                                 ("TkLangWorkload.tkLangInner", "<-")] * 3
    # only the filtered methods count towards the depth: each inner call is at depth 1
    assert {r["depth"] for r in records} == {1}


def test_php_flow():
    with start("php", env={"USE_ZEND_DTRACE": "1"}) as php:
        out = traced(php, "phpflow", "{pid}", commands=["calls 1"], until=b"<- TkPhpMarker.tk_php_method").out
    methods = [m.strip() for _tid, m in flow(out, "tk_php_function") + flow(out, "TkPhpMarker.tk_php")]
    assert sorted(methods) == sorted(["-> tk_php_function", "<- tk_php_function",
                                      "-> TkPhpMarker.tk_php_method", "<- TkPhpMarker.tk_php_method"])
