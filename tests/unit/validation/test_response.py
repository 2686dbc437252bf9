"""Response checking in its three modes."""

import logging

import pytest

from apiframe import exception
from apiframe.validation import InvalidResponse, ResponseValidator
from apiframe.validation import parameter_types as types

SCHEMA = {"type": "object",
          "properties": {"server": {"type": "object",
                                    "properties": {"id": types.uuid, "links": types.links},
                                    "required": ["id"], "additionalProperties": False}},
          "required": ["server"], "additionalProperties": False}
GOOD = {"server": {"id": "70a599e0-31e7-49b7-b260-868f441e862b",
                   "links": [{"rel": "self", "href": "http://h/v2.1/servers/1"}]}}
BAD = {"server": {"id": "70a599e0-31e7-49b7-b260-868f441e862b",
                  "links": [{"rel": "self", "href": "nope"}]}}


@pytest.mark.parametrize("mode", ["error", "warn", "ignore"])
def test_valid_response_passes(mode, caplog):
    ResponseValidator(SCHEMA, mode).validate(GOOD)
    assert not caplog.records


def test_error_mode_names_the_failing_field():
    with pytest.raises(InvalidResponse) as caught:
        ResponseValidator(SCHEMA, "error").validate(BAD)
    assert caught.value.pointer == "/server/links/0/href"
    assert "/server/links/0/href" in str(caught.value)
    assert "'nope' is not a 'uri'" in str(caught.value)
    assert not isinstance(caught.value, exception.APIError)  # a server bug, not a client error


def test_warn_mode_logs_and_returns(caplog):
    with caplog.at_level(logging.WARNING, logger="apiframe.validation.validators"):
        ResponseValidator(SCHEMA, "warn").validate(BAD)
    assert "/server/links/0/href" in caplog.text


def test_ignore_mode_does_nothing(caplog):
    ResponseValidator(SCHEMA, "ignore").validate(BAD)
    ResponseValidator({"type": "object", "format": "not-even-checked"}, "ignore").validate(1)
    assert not caplog.records


def test_unrenderable_response_is_reported_not_crashed():
    deep = current = []
    for _ in range(50_000):
        current.append([])
        current = current[0]
    with pytest.raises(InvalidResponse) as caught:
        ResponseValidator(SCHEMA, "error").validate(deep)
    assert "nested too deeply" in str(caught.value)


def test_unknown_mode_is_a_startup_error():
    with pytest.raises(exception.StartupError, match="error, warn, ignore"):
        ResponseValidator(SCHEMA, "loud")
