"""Kernel tests: they load and attach real programs, so they need root."""

import os
import subprocess

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


BPFFS = "/sys/fs/bpf"


@pytest.fixture(scope="session", autouse=True)
def bpffs():
    """Pinned tables (BPF_TABLE_PINNED, --mntnsmap) need a BPF file system at /sys/fs/bpf;
    mount one for the run if the system has none, and take it away afterwards."""
    mounted = False
    if os.geteuid() == 0 and not os.path.ismount(BPFFS) and os.path.isdir(BPFFS):
        mounted = subprocess.run(["mount", "-t", "bpf", "bpf", BPFFS]).returncode == 0
    yield
    if mounted:
        subprocess.run(["umount", BPFFS])


# Session-wide fixtures of the language and database tools' tests: one javac run, one
# PostgreSQL and one MariaDB server for all of them.
import database_servers  # noqa: E402
import runtime_workloads  # noqa: E402

java_classes = runtime_workloads.java_classes
postgres_server = database_servers.postgres_server
mariadb_server = database_servers.mariadb_server
