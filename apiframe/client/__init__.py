"""apiframe.client: a version-aware Python client for every apiframe API.

::

    from apiframe.client import ClientError, Connection

    conn = Connection(endpoint="http://127.0.0.1:8774", token="admin:admin")
    try:
        server = conn.compute.create_server(name="web", flavor_id="1", image_id=IMAGE, networks="auto")
        conn.compute.wait_for_server(server, status="ACTIVE")
    except ClientError as exc:
        print(exc.status, exc.message, exc.request_id)

The layers: a keystoneauth1 session (:mod:`~apiframe.client.session`), discovery of the
version document and microversion negotiation (:mod:`~apiframe.client.discovery`),
resources (:mod:`~apiframe.client.resource`), proxies (:mod:`~apiframe.client.proxy`)
and the connection that holds them (:mod:`~apiframe.client.connection`). Plugins add
proxies and proxy methods through entry points (:mod:`~apiframe.client.plugins`).
See ``docs/client.md``.
"""

from apiframe.client.connection import Connection
from apiframe.client.errors import (
    BadRequest,
    ClientError,
    Conflict,
    ConnectionFailure,
    Forbidden,
    InvalidArgument,
    MethodNotAllowed,
    NotAcceptable,
    NotFound,
    OverLimit,
    ServerError,
    ServiceUnavailable,
    Unauthorized,
    UnsupportedMediaType,
    UnsupportedMicroversion,
)
from apiframe.client.proxy import Proxy
from apiframe.client.resource import URI, Action, Body, Param, QueryParameters, Resource, since
from apiframe.client.service import ServiceDescription

__all__ = [
    "URI",
    "Action",
    "BadRequest",
    "Body",
    "ClientError",
    "Conflict",
    "Connection",
    "ConnectionFailure",
    "Forbidden",
    "InvalidArgument",
    "MethodNotAllowed",
    "NotAcceptable",
    "NotFound",
    "OverLimit",
    "Param",
    "Proxy",
    "QueryParameters",
    "Resource",
    "ServerError",
    "ServiceDescription",
    "ServiceUnavailable",
    "Unauthorized",
    "UnsupportedMediaType",
    "UnsupportedMicroversion",
    "since",
]
