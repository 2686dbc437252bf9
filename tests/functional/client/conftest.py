"""Fixtures of the in-process client tests: one compute application, connections to it.

The application pages lists by two, so every list the client reads crosses pages, and
its servers settle at once (BUILD becomes ACTIVE on the next read). Connections reach
it through keystoneauth1 and an in-process transport (:meth:`AppFixture.connection`).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from apiframe.compute.conf import database_url
from apiframe.compute.services import prepare_database
from apiframe.testing import AppFixture

PAGE_SIZE = 2


@pytest.fixture(scope="session")
def compute_app() -> Iterator[AppFixture]:
    """The compute API with every installed plugin, shared by the tests of a session."""
    fixture = AppFixture(config={"api": {"max_limit": PAGE_SIZE}, "compute": {"boot_delay": 0, "action_delay": 0}},
                         prepare=lambda conf: prepare_database(database_url(conf)))
    fixture.start()
    yield fixture
    fixture.stop()


@pytest.fixture
def admin(compute_app: AppFixture):
    """An administrator's connection at the negotiated (highest) microversion."""
    return compute_app.connection("admin")


@pytest.fixture
def member(compute_app: AppFixture):
    """A project member's connection at the negotiated (highest) microversion."""
    return compute_app.connection("member")
