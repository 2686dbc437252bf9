"""The data an API or its plugins keep: declared, so the tools migrate only what is loaded.

An API definition declares the data every deployment of the API has; a plugin declares
the data it keeps itself (``Extension.data``). ``apiframe-manage db sync`` and
``apiframe-api serve`` bring each set up to date in the one database operators configure
(``[database] connection``); ``apiframe-api check`` reports each set's revision. An API
whose definition and loaded plugins declare none touches no database and imports no
database library. Nothing here imports one: the hooks do, when they run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from apiframe.exception import StartupError


@dataclass(frozen=True)
class Data:
    """One set of tables, and how to bring them up to date.

    ``name`` identifies the set: several plugins sharing one schema declare the same
    value and it is migrated once. ``sync(url)`` creates or migrates the tables to the
    newest revision and adds the rows the API cannot do without; running it again does
    nothing. ``revision(url)`` is the revision the database is at (``None`` before the
    first sync) and ``newest()`` the newest revision the code knows.
    """

    name: str
    sync: Callable[[str], None]
    revision: Callable[[str], str | None]
    newest: Callable[[], str | None]


def collect_data(declared: Iterable[Data | None]) -> list[Data]:
    """The distinct data sets among ``declared``, in order; ``None`` entries declare nothing.

    Two different declarations under one name are a :class:`StartupError`.
    """
    found: dict[str, Data] = {}
    for data in declared:
        if data is None:
            continue
        known = found.setdefault(data.name, data)
        if known != data:
            raise StartupError(f"two different data sets are both named {data.name!r}; "
                               "plugins sharing tables must declare the same Data value")
    return list(found.values())
