"""One scratch PostgreSQL and one MariaDB server per test session, for dbslower, dbstat and
mysqld_qslower (tests/support/databases.py starts them)."""

import pytest

from support.databases import MariaDB, Postgres


def _server(cls):
    if cls.missing:
        pytest.skip(cls.missing)
    server = cls()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_server():
    yield from _server(Postgres)


@pytest.fixture(scope="session")
def mariadb_server():
    yield from _server(MariaDB)
