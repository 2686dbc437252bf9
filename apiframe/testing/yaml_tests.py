"""Declarative YAML tests (gabbi) run in-process against the app fixture.

Each YAML file of a directory runs against its own application, built on its first
request (gabbi constructs its HTTP clients while tests are being collected, before any
application should exist). The header ``apiframe-persona: reader`` stands for that
persona's ``X-Auth-Token``. With pytest, in ``test_api_yaml.py``::

    from apiframe.testing.yaml_tests import generate_yaml_tests, test_yaml  # noqa: F401

    def pytest_generate_tests(metafunc):
        generate_yaml_tests(metafunc, "gabbits", plugins=["notes"])

With unittest, in the test module::

    def load_tests(loader, standard_tests, pattern):
        return load_yaml_tests(loader, "gabbits", __name__, plugins=["notes"])
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
import unittest
from collections.abc import Callable, Iterable
from typing import Any

from gabbi import driver, reporter

from apiframe.testing.fixture import AppFixture
from apiframe.testing.personas import persona

__all__ = ["PERSONA_HEADER", "LazyApp", "generate_yaml_tests", "load_yaml_tests", "test_yaml"]

PERSONA_HEADER = "apiframe-persona"
_PERSONA_ENVIRON_KEY = "HTTP_" + PERSONA_HEADER.upper().replace("-", "_")


class LazyApp:
    """A WSGI app that builds one :class:`AppFixture` per ``Host`` on first use.

    gabbi gives every YAML file its own host name, so every file gets its own
    application and database; :meth:`close` stops them all.
    """

    def __init__(self, make_fixture: Callable[[], AppFixture]) -> None:
        self._make_fixture = make_fixture
        self._fixtures: dict[str, AppFixture] = {}
        self._lock = threading.Lock()

    def fixture(self, host: str) -> AppFixture:
        """The started application serving ``host``."""
        with self._lock:
            found = self._fixtures.get(host)
            if found is None:
                found = self._fixtures[host] = self._make_fixture().start()
            return found

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        fixture = self.fixture(environ.get("HTTP_HOST", ""))
        name = environ.pop(_PERSONA_ENVIRON_KEY, None)
        if name:
            token = persona(name.strip(), fixture.project_id).token
            if token is not None:
                environ["HTTP_X_AUTH_TOKEN"] = token
        return fixture.app(environ, start_response)

    def close(self) -> None:
        """Stop every application built so far."""
        with self._lock:
            fixtures, self._fixtures = list(self._fixtures.values()), {}
        for fixture in fixtures:
            fixture.stop()


def test_yaml(test: unittest.TestCase, result: unittest.TestResult) -> None:
    """Run one YAML test; :func:`generate_yaml_tests` parametrizes this function."""
    test(result)


def generate_yaml_tests(metafunc: Any, directory: str | os.PathLike[str], **app_options: Any) -> None:
    """Parametrize ``test_yaml`` with the YAML tests in ``directory`` (pytest).

    Call it from ``pytest_generate_tests``; ``app_options`` are :class:`AppFixture`'s
    arguments. A relative ``directory`` is taken from the test module's folder. Each
    test runs the tests before it in its file first if they have not run, so a single
    test can be selected with ``-k``. YAML ``fixtures:`` are not used: the application
    is the fixture.
    """
    if metafunc.function is not test_yaml:
        return
    lazy = LazyApp(lambda: AppFixture(**app_options))
    metafunc.config.add_cleanup(lazy.close)
    # gabbi's own pytest integration claims every test id that contains ":" in the whole
    # session; the cases are parametrized here directly instead.
    suites = driver.build_tests(_resolve(directory, metafunc.module.__file__), unittest.TestLoader(),
                                intercept=lambda: lazy, test_loader_name=metafunc.module.__name__)
    cases = [case for suite in suites for case in suite]
    result = reporter.PyTestResult()
    metafunc.parametrize(("test", "result"), [(case, result) for case in cases],
                         ids=[f"{case.test_base_name}/{case.test_data['name']}" for case in cases])


def load_yaml_tests(loader: unittest.TestLoader, directory: str | os.PathLike[str], test_loader_name: str,
                    **app_options: Any) -> unittest.TestSuite:
    """The YAML tests in ``directory`` as a unittest suite (for a ``load_tests`` function)."""
    lazy = LazyApp(lambda: AppFixture(**app_options))
    atexit.register(lazy.close)
    module_file = getattr(sys.modules.get(test_loader_name), "__file__", None)
    return driver.build_tests(_resolve(directory, module_file), loader, intercept=lambda: lazy,
                              test_loader_name=test_loader_name)


def _resolve(directory: str | os.PathLike[str], module_file: str | None) -> str:
    directory = os.fspath(directory)
    if os.path.isabs(directory) or module_file is None:
        return directory
    return os.path.join(os.path.dirname(os.path.abspath(module_file)), directory)
