"""pytest fixtures of the apiframe test harness (registered through the ``pytest11`` entry point).

``apiframe_app``
    A started :class:`~apiframe.testing.AppFixture`, new for each test. Its arguments come
    from the ``apiframe_app_options`` fixture (override it in a ``conftest.py``) updated
    by the test's ``@pytest.mark.apiframe_app(...)`` marker.
``apiframe_app_options``
    ``{}`` unless overridden: the :class:`~apiframe.testing.AppFixture` keyword arguments.
``api_client``
    A :class:`~apiframe.testing.Client` of ``apiframe_app`` acting as ``member``.

A project whose ``conftest.py`` names this module in ``pytest_plugins`` works whether
or not apiframe is installed (the entry point has the module's name, so pytest loads it
once).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from apiframe.testing.client import Client
from apiframe.testing.fixture import AppFixture

MARKER = "apiframe_app"


def pytest_configure(config: pytest.Config) -> None:
    """Declare the ``apiframe_app`` marker."""
    config.addinivalue_line("markers", f"{MARKER}(**options): AppFixture arguments for this test's app")


@pytest.fixture
def apiframe_app_options() -> dict[str, Any]:
    """The arguments of every test's :class:`AppFixture`; override to choose plugins, config, policy."""
    return {}


@pytest.fixture
def apiframe_app(request: pytest.FixtureRequest, apiframe_app_options: dict[str, Any]) -> Iterator[AppFixture]:
    """The application under test, built from the options and the test's marker."""
    options = dict(apiframe_app_options)
    marker = request.node.get_closest_marker(MARKER)
    if marker is not None:
        options.update(marker.kwargs)
    with AppFixture(**options) as fixture:
        yield fixture


@pytest.fixture
def api_client(apiframe_app: AppFixture) -> Client:
    """A client of the application acting as the ``member`` persona, with no microversion header."""
    return apiframe_app.client("member")
