"""Stack formatting for the stack tools (profile, offcputime): symbolized frames, BCC's
multi-line layout, the folded one-line format flame graph tools read, and --json records."""

import json
import sys

STACK_MISSING_ERRNOS = (14, 17)  # -EFAULT: no stack (e.g. a kernel thread's user stack); -EEXIST: hash collision


def frames(bpf, stack_table, stack_id, pid=None, kernel=True):
    """Symbolized frames of stack `stack_id`, innermost first; [] for a missing stack."""
    if stack_id < 0:
        return []
    out = []
    for addr in stack_table.walk(stack_id):
        if kernel:
            out.append(bpf.ksym(addr))
        else:
            out.append(bpf.sym(addr, pid))
    return out


def missing_note(stack_id, what):
    """BCC's marker for a stack that could not be read (or None)."""
    if stack_id >= 0 or stack_id == -1:
        return None
    return b"[Missed %s Stack]" % what


def folded(comm, user, kernel, delimiter=b";"):
    """One flame-graph line: comm;user frames outermost first[;-;]kernel frames outermost first."""
    parts = [comm.replace(b" ", b"_")]
    parts += list(reversed(user))
    if user and kernel and delimiter != b";":
        parts.append(delimiter)
    parts += list(reversed(kernel))
    return b";".join(p for p in parts if p)


def print_json(comm, pid, tid, user, kernel, **values):
    """One JSON object per stack (--json): frames innermost first, as the text layout lists
    them, plus the tool's value (count of samples, or microseconds off CPU)."""
    record = {"comm": comm.decode(errors="replace"), "pid": pid, "tid": tid,
              "user_stack": [f.decode(errors="replace") for f in user],
              "kernel_stack": [f.decode(errors="replace") for f in kernel]}
    record.update(values)
    sys.stdout.write(json.dumps(record) + "\n")
