"""Kernel tests: they load and attach real programs, so they need root."""

import os

import pytest

from support.processes import probe_events


def pytest_collection_modifyitems(config, items):
    if os.geteuid() != 0:
        skip = pytest.mark.skip(reason="kernel tests need root (CAP_BPF, CAP_PERFMON)")
        for item in items:
            item.add_marker(skip)


def pytest_sessionfinish(session, exitstatus):
    # tracekit attaches through file descriptors; nothing may stay in tracefs afterwards.
    leftovers = {k: v for k, v in probe_events().items() if v}
    if leftovers:
        print("\nleft behind in tracefs: %s" % leftovers)
        session.exitstatus = 1
