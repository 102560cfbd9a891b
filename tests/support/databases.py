"""Scratch database servers for the db tools' tests: a PostgreSQL or MariaDB server in a
temporary data directory, listening on a unix socket in it only (no TCP port), and a client
that runs one query. Servers run as their packages' users (PostgreSQL refuses root)."""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time

from support.processes import TIMEOUT_SCALE


def _postgres_bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    return os.path.dirname(found[-1]) if found else None


def _as_user(user):
    entry = pwd.getpwnam(user)

    def demote():
        os.setgid(entry.pw_gid)
        os.setuid(entry.pw_uid)
    return demote


def _scratch_dir(user):
    directory = tempfile.mkdtemp(prefix="tk-db-")
    entry = pwd.getpwnam(user)
    os.chown(directory, entry.pw_uid, entry.pw_gid)
    os.chmod(directory, 0o755)
    return directory


def _wait_for(check, what, timeout=60):
    deadline = time.time() + timeout * TIMEOUT_SCALE
    while not check():
        if time.time() > deadline:
            raise AssertionError("timed out waiting for %s" % what)
        time.sleep(0.05)


class Postgres:
    """initdb + postgres on a unix socket in the data directory's parent."""

    missing = None if _postgres_bin() else "PostgreSQL is not installed (Debian package postgresql)"

    def __init__(self):
        self.bin = _postgres_bin()
        self.dir = _scratch_dir("postgres")
        self.data = os.path.join(self.dir, "data")
        subprocess.run([os.path.join(self.bin, "initdb"), "-D", self.data, "-A", "trust", "-U", "postgres",
                        "--no-sync"], check=True, capture_output=True, preexec_fn=_as_user("postgres"))
        # -k: the socket's directory; listen_addresses='': no TCP at all.
        self.proc = subprocess.Popen(
            [os.path.join(self.bin, "postgres"), "-D", self.data, "-k", self.dir, "-c", "listen_addresses=",
             "-c", "fsync=off"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=_as_user("postgres"))
        self.pid = self.proc.pid
        _wait_for(lambda: os.path.exists(os.path.join(self.dir, ".s.PGSQL.5432")), "PostgreSQL's socket")

    def client(self):
        """A psql reading queries on stdin (one session: one backend process)."""
        return subprocess.Popen([os.path.join(self.bin, "psql"), "-h", self.dir, "-U", "postgres", "-X", "-q",
                                 "-A", "-t"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, preexec_fn=_as_user("postgres"))

    def query(self, sql):
        out = subprocess.run([os.path.join(self.bin, "psql"), "-h", self.dir, "-U", "postgres", "-X", "-q", "-A",
                              "-t", "-c", sql], capture_output=True, check=True, preexec_fn=_as_user("postgres"),
                             timeout=60 * TIMEOUT_SCALE)
        return out.stdout.decode()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


class MariaDB:
    """mariadbd on a unix socket, networking off, in an empty data directory."""

    missing = None if shutil.which("mariadbd") or os.path.exists("/usr/sbin/mariadbd") else \
        "MariaDB is not installed (Debian package mariadb-server)"

    def __init__(self):
        self.dir = _scratch_dir("mysql")
        self.data = os.path.join(self.dir, "data")
        self.socket = os.path.join(self.dir, "mysqld.sock")
        # No system tables (mariadb-install-db takes 10 s here): --skip-grant-tables lets any
        # local client in, which is all a test on a private socket needs.
        os.mkdir(self.data)
        os.chown(self.data, pwd.getpwnam("mysql").pw_uid, pwd.getpwnam("mysql").pw_gid)
        self.proc = subprocess.Popen(
            ["/usr/sbin/mariadbd", "--no-defaults", "--user=mysql", "--datadir=" + self.data,
             "--socket=" + self.socket, "--skip-networking", "--pid-file=" + os.path.join(self.dir, "pid"),
             "--skip-log-bin", "--skip-grant-tables", "--innodb-buffer-pool-size=16M", "--log-error=" + os.path.join(self.dir, "err")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.pid = self.proc.pid
        _wait_for(lambda: os.path.exists(self.socket), "MariaDB's socket")

    def query(self, sql):
        out = subprocess.run(["mariadb", "--no-defaults", "-S", self.socket, "-u", "root", "-N", "-B", "-e", sql],
                             capture_output=True, check=True, timeout=60 * TIMEOUT_SCALE)
        return out.stdout.decode()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)
