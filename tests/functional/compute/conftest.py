"""Fixtures of the compute API's functional tests.

``compute_app`` is one application per test session (per xdist worker), built with the
compute API's own plugins (no other installed plugin), zero driver delays and response
validation in "error" mode; ``tenant`` is a fresh project on it for each test. Tests that need an application of
their own (other plugins, other database servers) start it with ``start_compute_app``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from compute_testlib import Tenant, start_compute_app

from apiframe.testing import AppFixture


@pytest.fixture(scope="session")
def compute_app() -> Iterator[AppFixture]:
    """The compute API shared by the tests of one session."""
    fixture = start_compute_app()
    yield fixture
    fixture.stop()


@pytest.fixture
def tenant(compute_app: AppFixture) -> Tenant:
    """A project of this test's own on the shared application."""
    return Tenant(compute_app)


@pytest.fixture
def member(tenant: Tenant):
    """The tenant's member at 2.1."""
    return tenant.client("member")


@pytest.fixture
def admin(tenant: Tenant):
    """An administrator at 2.1."""
    return tenant.client("admin")

