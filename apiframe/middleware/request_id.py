"""Give every request an id and report it on every response.

The id (``req-<uuid4>``) goes into the WSGI environ for logs and the request context,
and onto the response as ``x-openstack-request-id`` and ``x-compute-request-id``. It
is the outermost layer so that even the last-resort fault renderer's responses carry it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from apiframe.faults import REQUEST_ID_ENVIRON_KEY

HEADERS = ("x-openstack-request-id", "x-compute-request-id")


class RequestId:
    """WSGI middleware that assigns and reports the request id."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request_id = f"req-{uuid.uuid4()}"
        environ[REQUEST_ID_ENVIRON_KEY] = request_id
        id_headers = [(name, request_id) for name in HEADERS]

        def start_with_id(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            headers.extend(id_headers)
            return start_response(status, headers, exc_info)

        return self.app(environ, start_with_id)
