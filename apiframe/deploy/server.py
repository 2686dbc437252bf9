"""apiframe under gunicorn, started from Python rather than from gunicorn's command line.

Each worker builds its own application after the fork (the application is not
preloaded): no database connection, lock or thread is ever shared between processes.

Each worker is an :class:`~apiframe.deploy.worker.APIWorker`: ``[server] threads`` threads,
which take a request only once it has arrived, so a slow client holds none of them.

The listening socket is bound before gunicorn starts: an address in use is reported at
once as a :class:`~apiframe.exception.StartupError` rather than retried.

Shutdown: SIGTERM and the first Ctrl-C close the listening sockets and give in-flight
requests ``[server] graceful_timeout`` seconds to finish; a second Ctrl-C stops at once.
"""

from __future__ import annotations

import errno
import logging
import signal
from collections.abc import Callable
from typing import Any

from gunicorn import util
from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter
from gunicorn.sock import BaseSocket, TCP6Socket, TCPSocket
from oslo_config import cfg

from apiframe.app import WSGIApp, build_app, configured_definition
from apiframe.definition import APIDefinition
from apiframe.exception import StartupError

#: The longest request line accepted (gunicorn's maximum; the usual proxy default is 8 KB).
LIMIT_REQUEST_LINE = 8190


def bind_address(host: str, port: int) -> str:
    """``host:port`` as gunicorn's ``bind`` wants it, IPv6 addresses in brackets."""
    return f"[{host.strip('[]')}]:{port}" if ":" in host else f"{host}:{port}"


class APIServer(BaseApplication):
    """A gunicorn master serving apiframe from ``[server] workers`` worker processes.

    ``on_ready`` (which may be set until :meth:`run`) is called with the URLs served
    (``http://host:port``, the real port when 0 was asked for) once the first worker has
    built the application and accepts requests.
    """

    def __init__(self, conf: cfg.ConfigOpts, on_ready: Callable[[list[str]], None] | None = None) -> None:
        self.conf = conf
        self.on_ready = on_ready
        self.listeners: list[BaseSocket] = []
        super().__init__(prog="apiframe-api")

    def load_config(self) -> None:
        """Translate the ``[server]`` options into gunicorn settings."""
        server = self.conf.server

        def post_worker_init(worker: Any) -> None:
            # Ctrl-C reaches every process of the terminal's group, and a gunicorn worker
            # would exit at once: workers ignore it and the master stops them gracefully.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            if self.on_ready is not None and worker.age == 1:
                self.on_ready([str(listener) for listener in worker.sockets])

        settings: dict[str, Any] = {
            "bind": [bind_address(server.host, server.port)],
            "workers": server.workers,
            "worker_class": "apiframe.deploy.worker.APIWorker",
            "threads": server.threads,
            "limit_request_line": LIMIT_REQUEST_LINE,
            "graceful_timeout": server.graceful_timeout,
            "proc_name": "apiframe-api",
            "accesslog": None,  # AccessLog middleware writes one line per request
            "errorlog": "-",
            "post_worker_init": post_worker_init,
        }
        if "control_socket_disable" in self.cfg.settings:
            # gunicorn's runtime control socket is one per-user path shared by every
            # instance on the host; apiframe is managed with signals only.
            settings["control_socket_disable"] = True
        for name, value in settings.items():
            self.cfg.set(name, value)

    def load(self) -> WSGIApp:
        """Build the application; called in each worker after the fork."""
        return build_app(self.conf)

    @property
    def definition(self) -> APIDefinition:
        """The API served, whose faults :class:`~apiframe.deploy.worker.APIWorker` answers with."""
        return configured_definition(self.conf)

    @property
    def client_timeout(self) -> float:
        """Seconds a client has to send a request, for :class:`~apiframe.deploy.worker.APIWorker`."""
        return self.conf.server.client_timeout

    def listen(self) -> None:
        """Bind the listening socket now (:meth:`run` does if not done yet).

        Raises ``StartupError`` at once if the address cannot be listened on, where gunicorn
        would retry for five seconds.
        """
        if not self.listeners:
            self.listeners = [self._bind(address) for address in self.cfg.address]

    def run(self) -> None:
        """Serve until SIGTERM or Ctrl-C; exits the process (status 0 on a clean stop)."""
        self.listen()
        arbiter = _GracefulArbiter(self)
        arbiter.LISTENERS = self.listeners
        arbiter.run()

    def _bind(self, address: tuple[str, int]) -> BaseSocket:
        kind = TCP6Socket if util.is_ipv6(address[0]) else TCPSocket
        try:
            return kind(address, self.cfg, logging.getLogger("gunicorn.error"))
        except OSError as exc:
            where = f"{self.conf.server.host}:{self.conf.server.port}"
            if exc.errno == errno.EADDRINUSE:
                raise StartupError(f"cannot listen on {where}: the port is in use by another program; "
                                   "choose another with --port or [server] port") from exc
            raise StartupError(f"cannot listen on {where}: {exc.strerror}; choose another address with "
                               "--host and --port or [server] host and port") from exc


class _GracefulArbiter(Arbiter):
    """gunicorn's master, with SIGINT stopping as gracefully as SIGTERM the first time."""

    def handle_int(self) -> None:
        """Stop gracefully; a second SIGINT during the wait makes the stop immediate."""
        self.handle_term()
