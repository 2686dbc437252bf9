"""Every failure a caller can meet is a ClientError with the status, the server's message and the request id."""

from __future__ import annotations

import socket
import uuid

import pytest
import requests
from keystoneauth1 import exceptions as ksa

from apiframe.client import (
    BadRequest,
    ClientError,
    Conflict,
    Connection,
    ConnectionFailure,
    Forbidden,
    InvalidArgument,
    NotFound,
    Unauthorized,
    UnsupportedMicroversion,
)
from apiframe.compute.api_versions import MAX_VERSION
from apiframe.compute.client.servers import Server

REQUEST_ID = r"^req-[0-9a-f-]{36}$"


def assert_answered(error: ClientError, status: int, message: str, fault: str) -> None:
    """The error carries the server's fault: status, message, fault name and request id."""
    assert error.status == status
    assert error.message == message
    assert error.request_id and error.request_id.startswith("req-")
    assert fault in error.details
    assert f"request_id: {error.request_id}" in error.details


def test_not_found_carries_the_servers_message_and_request_id(member):
    with pytest.raises(NotFound) as caught:
        member.compute.get_server("no-such-server")
    assert_answered(caught.value, 404, "Instance no-such-server could not be found.", "itemNotFound")
    assert str(caught.value) == f"404 Instance no-such-server could not be found. (request {caught.value.request_id})"


def test_validation_failure_names_the_field(member):
    with pytest.raises(BadRequest) as caught:
        member.compute.create_server(name="", flavor_id="1", image_id=str(uuid.uuid4()), networks="auto")
    error = caught.value
    assert error.status == 400 and error.message.startswith("Invalid input for field/attribute name.")
    assert "badRequest" in error.details and "field: name" in error.details


def test_conflict(member):
    server = member.compute.create_server(name="locked", flavor_id="1", image_id=str(uuid.uuid4()),
                                          networks="auto")
    member.compute.lock_server(server)
    with pytest.raises(Conflict) as caught:
        member.compute.delete_server(server)
    assert caught.value.status == 409 and "locked" in caught.value.message
    member.compute.unlock_server(server)
    member.compute.delete_server(server)


def test_policy_refusal_is_forbidden(member):
    with pytest.raises(Forbidden) as caught:
        member.compute.create_flavor(name="nope", ram=1, vcpus=1, disk=0)
    assert_answered(caught.value, 403, "Policy doesn't allow os_compute_api:os-flavor-manage:create to be performed.",
                    "forbidden")


def test_anonymous_caller_is_unauthorized(compute_app):
    with pytest.raises(Unauthorized) as caught:
        list(compute_app.connection("anonymous").compute.servers())
    assert caught.value.status == 401 and caught.value.message


def test_pinned_microversion_the_server_lacks(compute_app):
    with pytest.raises(UnsupportedMicroversion, match=rf"compute microversion 2.999 is not available: the server "
                                                      rf"offers 2.1 to {MAX_VERSION}"):
        compute_app.connection("member", microversion="2.999").compute  # noqa: B018


def test_minimum_microversion_the_server_lacks(compute_app):
    connection = compute_app.connection("member", min_microversion="3.0")
    with pytest.raises(UnsupportedMicroversion, match="compute microversion 3.0 or later is required"):
        connection.compute  # noqa: B018
    assert compute_app.connection("member", min_microversion="2.60").compute.microversion == MAX_VERSION


def test_malformed_microversion(compute_app):
    with pytest.raises(ClientError, match="microversion '2.x' is not of the form X.Y"):
        compute_app.connection("member", microversion="2.x").compute  # noqa: B018


def test_bad_arguments_are_refused_before_sending(member):
    compute = member.compute
    with pytest.raises(InvalidArgument, match="Server has no attribute 'nmae'"):
        compute.create_server(nmae="x")
    with pytest.raises(InvalidArgument, match="Server.status cannot be set on create"):
        compute.create_server(name="x", status="ACTIVE")
    with pytest.raises(InvalidArgument, match="takes no query parameter 'colour'"):
        list(compute.servers(colour="red"))
    with pytest.raises(InvalidArgument, match="action 'reboot' needs argument 'type'"):
        compute.act(Server.reboot, "x")
    old = compute.at_microversion("2.1")
    with pytest.raises(UnsupportedMicroversion, match=r"Server.description on create needs microversion 2.19"):
        old.create_server(name="x", flavor_id="1", description="d")
    with pytest.raises(UnsupportedMicroversion, match="commit of Flavor needs microversion 2.55"):
        old.update_flavor("1", description="d")


def test_connection_failure(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    connection = Connection(endpoint=f"http://127.0.0.1:{port}", token="admin:admin", connect_retries=0)
    with pytest.raises(ConnectionFailure) as caught:
        connection.compute  # noqa: B018
    assert caught.value.status is None and caught.value.request_id is None
    assert "ConnectFailure" in caught.value.details


def test_no_transport_exception_escapes():
    """keystoneauth and requests exceptions become ClientError (SSL, timeouts, bad URLs)."""
    from apiframe.client.errors import translating

    for raised, expected in [(ksa.SSLError("bad certificate"), ConnectionFailure),
                             (ksa.ConnectTimeout("slow"), ConnectionFailure),
                             (requests.exceptions.InvalidURL("no host"), ConnectionFailure),
                             (ksa.EndpointNotFound("no compute"), ClientError),
                             (ksa.NotFound(message="gone", http_status=404), NotFound)]:
        with pytest.raises(expected) as caught, translating():
            raise raised
        assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_unknown_proxy(member):
    with pytest.raises(AttributeError, match="no client proxy 'volume' is installed"):
        member.volume  # noqa: B018
