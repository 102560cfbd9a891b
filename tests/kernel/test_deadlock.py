"""tracekit deadlock reports a test program's lock-order inversion (one thread takes
tk_mutex_alpha then tk_mutex_beta, a later one the reverse; they never overlap, so nothing
deadlocks) with both mutexes, both threads' stacks and where the threads were created."""

import json
import re

from support.build import Target, lock_inversion
from support.processes import tool


def run_inversion(*args):
    with Target([lock_inversion()]) as target:
        traced = tool("deadlock", str(target.pid), *args)
        try:
            traced.wait_for(b"Tracing... Hit Ctrl-C to end.", stderr="--json" in args)
            alpha, beta = (int(a, 16) for a in target.command("go").split()[1:])
            traced.proc.wait(timeout=30)
        finally:
            traced.stop()
    return target.pid, alpha, beta, traced


def test_reports_the_inversion_with_both_mutexes_and_stacks():
    pid, alpha, beta, traced = run_inversion()
    assert traced.proc.returncode == 1, traced.err  # BCC's status when a cycle is found
    text = traced.out.decode()
    names = {alpha: "tk_mutex_alpha 0x%016x" % alpha, beta: "tk_mutex_beta 0x%016x" % beta}
    first, second = sorted(names)  # the cycle starts at the lower address
    assert "Cycle in lock order graph: Mutex M0 (%s) => Mutex M1 (%s) => Mutex M0 (%s)" % (
        names[first], names[second], names[first]) in text
    sections = re.findall(r"\n(Mutex M\d \(.*?\) .*?):\n((?:@ .*\n)+)", text)
    acquired = [(head, stack) for head, stack in sections if " acquired here while holding " in head]
    assert len(acquired) == 2 and len(sections) == 4
    by_function = {}
    for head, stack in acquired:
        function = "tk_forward_order" if "tk_forward_order" in stack else "tk_backward_order"
        assert re.match(r"@ [0-9a-f]{16} (__)?pthread_mutex_lock", stack)
        by_function[function] = head
    # forward: beta taken while holding alpha; backward: alpha while holding beta
    assert by_function["tk_forward_order"].startswith("Mutex M%d (%s) acquired here while holding Mutex M%d (%s)"
                                                      % (int(beta == second), names[beta], int(alpha == second), names[alpha]))
    assert by_function["tk_backward_order"].startswith("Mutex M%d (%s) acquired here while holding Mutex M%d (%s)"
                                                       % (int(alpha == second), names[alpha], int(beta == second), names[beta]))
    threads = re.findall(r"in Thread (\d+) \(lock_inversion\)", text)
    assert len(set(threads)) == 2 and all(int(t) != pid for t in threads)
    for tid in set(threads):
        created = text.split("Thread %s created by Thread %d (lock_inversion) here: \n" % (tid, pid))[1]
        stack = created.split("\n\n")[0].splitlines()
        assert re.match(r"@ [0-9a-f]{16} pthread_create", stack[0]) and any(" main" in f for f in stack), stack


def test_json_names_the_mutexes_and_stacks():
    pid, alpha, beta, traced = run_inversion("--json")
    assert traced.proc.returncode == 1, traced.err
    record = json.loads(traced.out)
    assert sorted((m["mutex"], m["symbol"]) for m in record["cycle"]) == [
        (a, n) for a, n in sorted([(alpha, "tk_mutex_alpha"), (beta, "tk_mutex_beta")])]
    edges = {(e["held"], e["acquired"]): e for e in record["edges"]}
    assert set(edges) == {(alpha, beta), (beta, alpha)}
    assert "tk_forward_order" in edges[(alpha, beta)]["acquired_stack"]
    assert "tk_backward_order" in edges[(beta, alpha)]["acquired_stack"]
    assert "tk_forward_order" in edges[(alpha, beta)]["held_stack"]
    assert all(e["comm"] == "lock_inversion" for e in edges.values())
    assert sorted(t["tid"] for t in record["threads"]) == sorted(e["tid"] for e in edges.values())
    assert all(t["parent_tid"] == pid and t["stack"][0].startswith("pthread_create") for t in record["threads"])
