"""apiframe's gunicorn worker: threads that never wait for a slow client, and JSON faults.

:class:`APIWorker` is gunicorn's threaded worker (``gthread``) with two changes:

- A connection reaches a thread only once its request has arrived: the head, and the body
  too when it is announced by a ``Content-Length`` of at most :data:`BUFFERED_BODY`. Until
  then the worker's main loop reads what the client sends without blocking, so a client
  that trickles its request holds no thread, and every other client is served. A client
  that has not sent its whole request ``client_timeout`` seconds after it connected (or,
  on a kept-alive connection, after it began the next one) is disconnected, with a 408
  fault if it had sent part of it. Chunked bodies,
  larger bodies and ``Expect: 100-continue`` are read by the thread as they come.
- The errors gunicorn answers itself, before the application sees the request (a request
  line or a header field over the limits, a malformed request), are the API's JSON faults
  with a request id instead of gunicorn's HTML pages.

TLS connections and HTTP/2 prior knowledge are handed to the threads at once, as gthread
does: their requests cannot be read before the thread sets the connection up.
"""

from __future__ import annotations

import contextlib
import re
import selectors
import socket
import time
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from gunicorn import http, util
from gunicorn.http import errors
from gunicorn.http2 import negotiation
from gunicorn.workers.gthread import TConn, ThreadWorker

from apiframe import faults
from apiframe.definition import APIDefinition, load_definition
from apiframe.middleware.request_id import new_request_id

#: Seconds a client has to send a whole request, unless the application says otherwise.
DEFAULT_CLIENT_TIMEOUT = 30.0
#: Largest ``Content-Length`` whose body is read before a thread takes the request (more
#: than the default ``[middleware] max_request_body_size``); it also bounds the memory each
#: waiting connection takes.
BUFFERED_BODY = 128 * 1024
#: Bytes read at most from a waiting connection at a time.
READ_SIZE = 65536

_HEAD_END = re.compile(rb"\r?\n\r?\n")
_CONTENT_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(\d{1,10})[ \t]*\r?$", re.I | re.M)
_STREAMED = re.compile(rb"^(transfer-encoding|expect)[ \t]*:", re.I | re.M)

#: gunicorn's errors that are the client's fault, and their status when it is not 400.
_CLIENT_ERRORS: dict[type[Exception], int] = {
    errors.LimitRequestLine: 414,
    errors.LimitRequestHeaders: 431,
    errors.ExpectationFailed: 417,
    errors.ForbiddenProxyRequest: 403,
    errors.UnsupportedTransferCoding: 501,
}


def request_arrived(data: bytes) -> bool:
    """Whether ``data``, the start of a connection's next request, is all a thread needs.

    True once the head has ended and the body of known, buffered size is complete, or
    once there is more than a thread should wait for (the parser then refuses or streams).
    """
    end = _HEAD_END.search(data)
    if end is None:
        return len(data) > BUFFERED_BODY
    head = data[:end.start()]
    if _STREAMED.search(head):
        return True
    length = _CONTENT_LENGTH.search(head)
    size = int(length.group(1)) if length else 0
    return size > BUFFERED_BODY or len(data) - end.end() >= size


def fault(code: int, message: str, definition: APIDefinition | None = None) -> bytes:
    """A complete HTTP/1.1 response carrying the fault of API ``definition`` (default: the
    default API's), with a new request id in its headers, closing the connection."""
    definition = definition or load_definition()
    request_id = new_request_id()
    status, headers, body = faults.fault_response(
        code, message, [*((name, request_id) for name in definition.request_id_headers), ("Connection", "close")],
        fault_format=definition.faults, request_id=request_id)
    head = "".join(f"{name}: {value}\r\n" for name, value in headers)
    return f"HTTP/1.1 {status}\r\n{head}\r\n".encode("latin-1") + body


@dataclass
class _Arrival:
    """What a connection waiting for its request has sent so far, and until when it may."""

    deadline: float
    data: bytearray = field(default_factory=bytearray)


class APIWorker(ThreadWorker):
    """gthread with requests read by the main loop and faults rendered as the API renders them."""

    def init_process(self) -> None:
        """Prepare the table of connections whose request is still arriving."""
        self.arriving: dict[TConn, _Arrival] = {}
        self.client_timeout = float(getattr(self.app, "client_timeout", DEFAULT_CLIENT_TIMEOUT))
        self.definition: APIDefinition | None = getattr(self.app, "definition", None)
        super().init_process()

    def enqueue_req(self, conn: TConn) -> None:
        """Give ``conn`` to a thread once its request is in; wait for it in the main loop first."""
        if conn.is_http2 or self.cfg.is_ssl or negotiation.prior_knowledge_allowed(self.cfg, conn.client):
            super().enqueue_req(conn)
            return
        # Bytes the parser read ahead, after the previous request, start the next one.
        arrival = _Arrival(time.monotonic() + self.client_timeout,
                           bytearray(conn.parser.unreader.take_buffered() if conn.parser else b""))
        if arrival.data and request_arrived(arrival.data):
            self._dispatch(conn, arrival)
            return
        conn.sock.setblocking(False)
        self.arriving[conn] = arrival
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_readable, conn))

    def _on_readable(self, conn: TConn, _sock: socket.socket) -> None:
        arrival = self.arriving[conn]
        try:
            data = conn.sock.recv(READ_SIZE)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._drop(conn)
            return
        arrival.data += data
        if request_arrived(arrival.data):
            self._forget(conn)
            self._dispatch(conn, arrival)

    def _dispatch(self, conn: TConn, arrival: _Arrival) -> None:
        if conn.parser is None:
            conn.parser = http.get_parser(self.cfg, conn.sock, conn.client)
        conn.parser.unreader.unread(bytes(arrival.data))
        conn.data_ready = True
        super().enqueue_req(conn)

    def _forget(self, conn: TConn) -> None:
        del self.arriving[conn]
        self.poller.unregister(conn.sock)

    def _drop(self, conn: TConn, response: bytes = b"") -> None:
        self._forget(conn)
        if response:
            with contextlib.suppress(OSError):
                conn.sock.send(response)
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self) -> None:
        """Also disconnect the clients whose request is late: 408 if they sent part of it.

        A stopping worker closes at once the connections that have sent nothing yet.
        """
        super().murder_pending()
        now = time.monotonic()
        for conn, arrival in list(self.arriving.items()):
            if arrival.data and arrival.deadline <= now:
                self.log.warning("Request not received in %gs from ip=%s", self.client_timeout, conn.client[0])
                self._drop(conn, fault(408, f"The request did not arrive within {self.client_timeout:g} "
                                            "seconds.", self.definition))
            elif not arrival.data and (arrival.deadline <= now or not self.alive):
                self._drop(conn)

    def handle_error(self, req: Any, client: socket.socket, addr: Any, exc: Exception) -> None:
        """Answer an error gunicorn met outside the application with the API's fault."""
        code = client_error_status(exc)
        if code is None:
            self.log.exception("Error handling request %s", getattr(req, "uri", "(no URI read)"))
            response = fault(500, faults.GENERIC_500_MESSAGE, self.definition)
        else:
            self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
            response = fault(code, self._client_error_message(code, exc), self.definition)
        try:
            util.write_nonblock(client, response)
        except OSError:
            self.log.debug("Failed to send error message.")

    def _client_error_message(self, code: int, exc: Exception) -> str:
        if code == 414:
            return f"The request line is longer than {self.cfg.limit_request_line} bytes."
        if code == 431:
            return (f"The request has a header field longer than {self.cfg.limit_request_field_size} bytes "
                    f"or more than {self.cfg.limit_request_fields} header fields.")
        return f"Invalid request: {exc}"


def client_error_status(exc: Exception) -> int | None:
    """The status of a fault for a gunicorn error that is the client's fault, else None."""
    if isinstance(exc, errors.InvalidResponseHeader | errors.InvalidResponseHeaderName
                  | errors.ConfigurationProblem):
        return None
    for error_type, code in _CLIENT_ERRORS.items():
        if isinstance(exc, error_type):
            return code
    return 400 if isinstance(exc, errors.ParseException) else None
