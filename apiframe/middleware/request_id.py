"""Give every request an id and report it on every response.

The id (``req-<uuid4>``) goes into the WSGI environ for logs and the request context,
and onto the response in the headers the API definition names (``x-openstack-request-id``,
and ``x-compute-request-id`` too for the compute API). It is the outermost layer so that
even the last-resort fault renderer's responses carry it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from random import getrandbits
from typing import Any

from apiframe.faults import REQUEST_ID_ENVIRON_KEY

#: The header reporting the request id when none are named.
DEFAULT_HEADERS = ("x-openstack-request-id",)

# The version-4 and RFC 4122 variant bits of a UUID, applied to 128 random bits.
_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_SET = (0x4000 << 64) | (0x8000 << 48)


def new_request_id() -> str:
    """``req-<uuid4>``. Request ids need to be unique, not unguessable, so the fast
    ``random`` generator is used instead of ``os.urandom``, which costs a system call."""
    text = f"{(getrandbits(128) & _CLEAR) | _SET:032x}"
    return f"req-{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


class RequestId:
    """WSGI middleware that assigns the request id and reports it in ``headers``."""

    def __init__(self, app: Callable[..., Iterable[bytes]], headers: Sequence[str] = DEFAULT_HEADERS) -> None:
        self.app = app
        self.headers = tuple(headers)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request_id = new_request_id()
        environ[REQUEST_ID_ENVIRON_KEY] = request_id
        id_headers = [(name, request_id) for name in self.headers]

        def start_with_id(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            headers.extend(id_headers)
            return start_response(status, headers, exc_info)

        return self.app(environ, start_with_id)
