"""The API's database URL: where it comes from, which driver it names, whether that driver is installed.

SQLAlchemy is imported only to check a URL, so that an API whose plugins keep no data
imports none. A URL that names no driver (``postgresql://...``, ``mysql://...``) means the driver the
matching extra of apiframe installs (``pip install 'apiframe[postgresql]'``: psycopg2,
``'apiframe[mysql]'``: PyMySQL), whatever SQLAlchemy's own default for the dialect is
(psycopg 3 for PostgreSQL from SQLAlchemy 2.1 on, mysqlclient for MySQL). A URL naming
its driver (``postgresql+psycopg://``) is used as written.
"""

from __future__ import annotations

import difflib
import os
from typing import TYPE_CHECKING

from oslo_config import cfg

from apiframe.conf import data_dir
from apiframe.exception import StartupError

if TYPE_CHECKING:
    import sqlalchemy as sa

#: The driver of a URL that names none, per dialect: the one apiframe's extra installs.
DEFAULT_DRIVERS = {"postgresql": "psycopg2", "mysql": "pymysql", "mariadb": "pymysql"}

#: What to ``pip install`` for a driver whose package name is not the driver's name.
DRIVER_PACKAGES = {
    "psycopg2": "apiframe[postgresql]",
    "pymysql": "apiframe[mysql]",
    "psycopg": "psycopg[binary]",
    "mysqldb": "mysqlclient",
    "mysqlconnector": "mysql-connector-python",
    "mariadbconnector": "mariadb",
}

URL_FORM = "dialect+driver://user:password@host:port/database"


def database_url(conf: cfg.ConfigOpts) -> str:
    """The ``[database] connection`` URL with the default driver filled in, or, when it is
    unset, the SQLite file ``apiframe.sqlite`` in the data directory."""
    if conf.database.connection:
        return with_default_driver(conf.database.connection)
    return "sqlite:///" + os.path.join(data_dir(conf), "apiframe.sqlite")


def with_default_driver(url: str) -> str:
    """``url`` with :data:`DEFAULT_DRIVERS`' driver when it names a dialect but no driver."""
    dialect, separator, rest = url.partition("://")
    if separator and dialect in DEFAULT_DRIVERS:
        return f"{dialect}+{DEFAULT_DRIVERS[dialect]}://{rest}"
    return url


def check_database_url(url: str) -> sa.URL:
    """Parse ``url`` and import its driver without connecting; return the parsed URL.

    Raises :class:`StartupError` with one line saying what to fix: a URL that does not
    parse, an unknown dialect or driver, or a driver that is not installed (and the
    package to install).
    """
    import sqlalchemy as sa

    try:
        parsed = sa.make_url(url)
    except (sa.exc.ArgumentError, ValueError) as exc:
        # The URL is not shown: it may hold a password that cannot be masked.
        raise StartupError(f"[database] connection is not a database URL ({exc}); expected {URL_FORM}") from exc
    shown = parsed.render_as_string(hide_password=True)
    try:
        dialect = parsed.get_dialect()
    except sa.exc.NoSuchModuleError as exc:
        raise StartupError(f"database {shown}: {_unknown(parsed)}; check [database] connection") from exc
    try:
        dialect.import_dbapi()
    except ImportError as exc:
        package = DRIVER_PACKAGES.get(dialect.driver, dialect.driver)
        raise StartupError(f"database {shown}: the driver {dialect.driver} is not installed ({exc}); "
                           f"install it with `pip install '{package}'`") from exc
    return parsed


def _unknown(url: sa.URL) -> str:
    import sqlalchemy as sa

    # The dialects SQLAlchemy itself provides, to suggest one.
    known = (*sa.dialects.__all__, "mariadb")
    backend = url.get_backend_name()
    if backend in known:
        return f"{backend} has no driver {url.get_driver_name()!r}"
    close = difflib.get_close_matches(backend, known, n=1)
    hint = f"did you mean {close[0]}?" if close else "no SQLAlchemy dialect of that name is installed"
    return f"unknown database type {backend!r} ({hint})"
