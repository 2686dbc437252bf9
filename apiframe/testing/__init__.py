"""The functional test harness for apiframe APIs and their plugins.

Build the real application in-process (:class:`AppFixture`), talk to it as a persona at
a microversion (:class:`Client`, :func:`assert_fault`), compare responses with API
samples (:class:`Samples`), check a whole API in one line (:func:`assert_schemas`,
:func:`assert_policies`, :func:`assert_refused`) and run YAML tests
(:mod:`apiframe.testing.yaml_tests`). pytest fixtures live in
:mod:`apiframe.testing.pytest_plugin`; unittest users subclass :class:`APITestCase`.
See ``docs/testing.md``.
"""

from apiframe.testing.client import Client, assert_fault
from apiframe.testing.coverage import (
    assert_policies,
    assert_refused,
    assert_schemas,
    missing_policies,
    missing_schemas,
    plugin_routes,
)
from apiframe.testing.fixture import AppFixture
from apiframe.testing.matching import PATTERNS
from apiframe.testing.personas import DEFAULT_PROJECT_ID, PERSONA_NAMES, Persona, personas
from apiframe.testing.samples import GENERATE_ENV, SampleMismatch, Samples
from apiframe.testing.testcase import APITestCase

__all__ = [
    "DEFAULT_PROJECT_ID",
    "GENERATE_ENV",
    "PATTERNS",
    "PERSONA_NAMES",
    "APITestCase",
    "AppFixture",
    "Client",
    "Persona",
    "SampleMismatch",
    "Samples",
    "assert_fault",
    "assert_policies",
    "assert_refused",
    "assert_schemas",
    "missing_policies",
    "missing_schemas",
    "personas",
    "plugin_routes",
]
