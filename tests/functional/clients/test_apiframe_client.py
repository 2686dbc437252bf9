"""apiframe.client drives a real ``apiframe-api serve`` process, and agrees with openstacksdk field by field.

Both clients act as the same caller (the development token ``notused``, which the
SDK's ``auth_type="none"`` sends too), so each resource one client reads, the other
reads as well; every attribute the two map from the same wire name must hold the same
value, at the microversion the SDK negotiated for that resource (``client_scenario``).
"""

from __future__ import annotations

import logging
import re
import uuid

import bcrypt
import client_scenario
import pytest
from service_process import Service, client_env

from apiframe.client import ClientError, Connection, Unauthorized
from apiframe.compute.api_versions import MAX_VERSION

pytest.importorskip("openstack")

TOKEN = "notused"


@pytest.fixture(scope="module")
def conn(compute_service) -> Connection:
    """A development-auth connection given the service's root URL."""
    connection = Connection(endpoint=compute_service.url, token=TOKEN)
    yield connection
    connection.close()


def test_connects_to_the_root_or_the_versioned_url(conn, compute_service):
    assert conn.compute.microversion == MAX_VERSION
    versioned = Connection(endpoint=f"{compute_service.url}/v2.1/", token=TOKEN)
    assert versioned.compute.microversion == MAX_VERSION
    assert [f.id for f in versioned.compute.flavors()] == [f.id for f in conn.compute.flavors()]
    pinned = Connection(endpoint=compute_service.url, token=TOKEN, microversion="2.60")
    assert pinned.compute.microversion == "2.60"
    assert pinned.compute.get_flavor("1").extra_specs is None  # 2.61 shows them


@pytest.mark.parametrize("version", ["2.1", MAX_VERSION])
def test_full_scenario_equals_the_sdks(conn, sdk, version):
    client_scenario.run(conn.compute, sdk, version)


def test_requests_are_logged_with_the_user_agent_and_request_ids_and_no_token(compute_service, caplog):
    global_id = f"req-{uuid.uuid4()}"
    conn = Connection(endpoint=compute_service.url, token="secret-user:secret-project", global_request_id=global_id)
    with caplog.at_level(logging.DEBUG, logger="keystoneauth"):
        conn.compute.get_flavor("1")
    text = caplog.text
    assert re.search(r"User-Agent: apiframe-client/\S+ keystoneauth1/", text)
    assert f"X-OpenStack-Request-ID: {global_id}" in text
    assert re.search(r"GET call to compute for \S+/v2\.1/flavors/1 used request id req-[0-9a-f-]{36}", text)
    assert "X-Auth-Token: {SHA256}" in text and "secret-user" not in text


def test_from_env(compute_service):
    conn = Connection.from_env({"OS_ENDPOINT": compute_service.url, "OS_TOKEN": TOKEN, "OS_COMPUTE_IGNORED": "x"})
    assert conn.compute.get_flavor("2").name == "m1.small"


def test_clouds_yaml(compute_service, tmp_path):
    pytest.importorskip("openstack.config")
    clouds = tmp_path / "clouds.yaml"
    clouds.write_text(f"clouds:\n  dev:\n    auth_type: admin_token\n    auth:\n      endpoint: {compute_service.url}\n"
                      f"      token: {TOKEN}\n")
    environ = {"OS_CLOUD": "dev", "OS_CLIENT_CONFIG_FILE": str(clouds)}
    assert Connection.from_env(environ).compute.get_flavor("3").name == "m1.medium"
    with pytest.raises(ClientError, match="cloud 'nowhere'"):
        Connection.from_env({**environ, "OS_CLOUD": "nowhere"})


@pytest.fixture(scope="module")
def basic_service(tmp_path_factory):
    """``apiframe-api serve`` with HTTP basic auth: one user, ``carol`` / ``s3cret``."""
    workdir = tmp_path_factory.mktemp("basic-service")
    (workdir / "htpasswd").write_text("carol:" + bcrypt.hashpw(b"s3cret", bcrypt.gensalt(4)).decode() + "\n")
    conf = workdir / "apiframe.conf"
    conf.write_text(f"[auth]\nstrategy = http_basic\nhtpasswd_file = {workdir / 'htpasswd'}\n"
                    f"[database]\ndata_dir = {workdir / 'data'}\n")
    service = Service(["serve", "--host", "127.0.0.1", "--port", "0", "--config-file", str(conf)],
                      client_env(workdir), workdir).wait_ready()
    yield service
    service.process.terminate()
    service.wait(30)


def test_http_basic(basic_service):
    conn = Connection(endpoint=basic_service.url, username="carol", password="s3cret")
    assert conn.compute.find_flavor("m1.tiny").id == "1"
    wrong = Connection(endpoint=basic_service.url, username="carol", password="wrong")
    with pytest.raises(Unauthorized) as caught:
        wrong.compute.get_flavor("1")
    assert caught.value.message == "The user name or password is incorrect."
    assert caught.value.request_id.startswith("req-")
