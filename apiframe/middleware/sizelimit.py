"""Refuse request bodies larger than the configured maximum with a 413 fault.

The check reads ``Content-Length`` before anything reads the body, and the body stream
is capped as well, so a client that lies about the length cannot make a handler read
more than the limit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from apiframe import exception
from apiframe.integers import clamped_int


class _CappedInput:
    def __init__(self, stream: Any, limit: int) -> None:
        self.stream = stream
        self.left = limit

    def read(self, size: int = -1) -> bytes:
        if size < 0 or size > self.left:
            size = self.left
        data = self.stream.read(size)
        self.left -= len(data)
        return data


class BodySizeLimit:
    """WSGI middleware: bodies over ``max_bytes`` get ``413 overLimit``."""

    def __init__(self, app: Callable[..., Iterable[bytes]], max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        length = environ.get("CONTENT_LENGTH")
        if length:
            try:
                too_large = clamped_int(length, 0, self.max_bytes + 1) > self.max_bytes
            except ValueError:
                raise exception.BadRequest("Invalid Content-Length header.") from None
            if too_large:
                raise exception.RequestEntityTooLarge(
                    f"Request is too large: the limit is {self.max_bytes} bytes.")
            environ["wsgi.input"] = _CappedInput(environ["wsgi.input"], self.max_bytes)
        return self.app(environ, start_response)
