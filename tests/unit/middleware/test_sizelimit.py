"""The body size limit reads Content-Length of any length."""

import io

import pytest

from apiframe import exception
from apiframe.middleware.sizelimit import BodySizeLimit


def _inner(environ, start_response):
    start_response("200 OK", [])
    return [environ["wsgi.input"].read()]


def _call(length, body=b""):
    environ = {"CONTENT_LENGTH": length, "wsgi.input": io.BytesIO(body)}
    return BodySizeLimit(_inner, 100)(environ, lambda *_: None)


@pytest.mark.parametrize("length", ["9" * 5000, "101", "1" + "0" * 30])
def test_a_length_over_the_limit_is_413_at_any_length(length):
    with pytest.raises(exception.RequestEntityTooLarge):
        _call(length)


@pytest.mark.parametrize("length", ["0" * 5000 + "5", "100"])
def test_a_length_within_the_limit_passes(length):
    assert _call(length, b"12345") == [b"12345"]


@pytest.mark.parametrize("length", ["lots", "9" * 5000 + "x"])
def test_a_length_that_is_no_number_is_400(length):
    with pytest.raises(exception.BadRequest, match="Invalid Content-Length"):
        _call(length)
