"""The harness for unittest: a TestCase with a fresh application per test."""

from __future__ import annotations

import unittest
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from apiframe.api_version import VersionHistory
from apiframe.testing.client import Client, assert_fault
from apiframe.testing.fixture import AppFixture, PluginChoice


class APITestCase(unittest.TestCase):
    """Builds an :class:`AppFixture` in ``setUp`` from the class attributes, stops it after.

    Set ``plugins``, ``history``, ``config``, ``policy`` and ``microversion`` on the
    subclass; ``self.app`` is the fixture and ``self.api`` a client acting as ``member``
    at ``microversion``.
    """

    plugins: ClassVar[Sequence[PluginChoice] | None] = None
    history: ClassVar[VersionHistory | None] = None
    config: ClassVar[Mapping[str, Mapping[str, Any]] | None] = None
    policy: ClassVar[Mapping[str, str] | None] = None
    microversion: ClassVar[str | None] = None

    def setUp(self) -> None:
        """Start a fresh application for the test, stopped again by a cleanup."""
        super().setUp()
        self.app = AppFixture(self.plugins, history=self.history, config=self.config, policy=self.policy).start()
        self.addCleanup(self.app.stop)
        self.api = self.client()

    def client(self, persona: str = "member", version: str | None = None) -> Client:
        """A client acting as ``persona`` at ``version`` (default: the class's ``microversion``)."""
        return self.app.client(persona, version=version or self.microversion)

    def assertFault(self, resp: Any, code: int, name: str, message: str | None = None) -> str:
        """:func:`~apiframe.testing.assert_fault` in unittest's naming."""
        return assert_fault(resp, code, name, message)
