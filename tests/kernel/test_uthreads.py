"""tracekit uthreads shows the threads a Java workload starts and stops, with their names and
ids, and the pthreads of a Python process with their thread ids (-l none)."""

from runtime_workloads import json_lines, start, start_java, traced


def test_java_thread_start_and_stop(java_classes):
    with start_java(java_classes) as java:
        out = traced(java, "uthreads", "-l", "java", "{pid}", commands=["thread tk-lang-thread"],
                     until=b" stop     tk-lang-thread").out
    lines = out.decode().splitlines()
    header = lines.index("TIME     ID               TYPE     DESCRIPTION")
    rows = [l.split() for l in lines[header + 1:]]
    mine = [r for r in rows if r[-1] == "tk-lang-thread"]
    assert [r[2] for r in mine] == ["start", "stop"]
    assert mine[0][1] == mine[1][1] and mine[0][1].startswith("R=")
    native = int(mine[0][1].split("/N=")[1])
    # the JVM made that thread with pthread_create(), from its thread entry function
    pthreads = [r for r in rows if r[2] == "pthread" and int(r[1]) == native]
    assert len(pthreads) == 1 and "thread_native_entry" in " ".join(pthreads[0][3:])


def test_pthreads_of_a_python_process_json():
    with start("python") as python:
        uthreads = traced(python, "uthreads", "--json", "-l", "none", "{pid}", commands=["thread tk-py-thread"],
                          until=b'"type": "pthread"')
    tid = int(uthreads.answers[0])  # threading.Thread.native_id
    records = json_lines(uthreads.out)
    assert [(r["type"], r["tid"]) for r in records] == [("pthread", tid)]
    # the start routine, symbolized: python3.11 is stripped of its static functions here
    assert records[0]["id"] == str(tid) and "[python3" in records[0]["description"]
