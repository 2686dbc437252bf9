"""apiframe.client and openstacksdk against an apiframe-api served with keystone auth, through a real keystone.

keystone (SQLite, fernet tokens, bootstrapped, served by gunicorn; the ``keystone``
fixture of ``tests/conftest.py``) authenticates the clients and gives them the compute
endpoint from its service catalog; the served API validates their tokens with
keystonemiddleware. The tests skip when keystone is not installed.
"""

from __future__ import annotations

import uuid

import client_scenario
import pytest
from service_process import Service, client_env

from apiframe.client import ClientError, Connection, Unauthorized
from apiframe.compute.api_versions import MAX_VERSION

PASSWORD = "carol-secret"
#: Seconds a new server stays in BUILD: clients really wait for ACTIVE.
BOOT_DELAY = 0.5
@pytest.fixture(scope="module")
def served(keystone, tmp_path_factory):
    """``apiframe-api serve`` with the keystone strategy, registered in keystone's catalog."""
    workdir = tmp_path_factory.mktemp("keystone-compute")
    conf = workdir / "apiframe.conf"
    conf.write_text(
        "[auth]\nstrategy = keystone\n"
        f"[keystone_authtoken]\nwww_authenticate_uri = {keystone.auth_url}\nauth_url = {keystone.auth_url}\n"
        "auth_type = password\nusername = admin\npassword = admin-secret\nproject_name = admin\n"
        "user_domain_id = default\nproject_domain_id = default\n"
        f"[database]\ndata_dir = {workdir / 'data'}\n[compute]\nboot_delay = {BOOT_DELAY}\naction_delay = 0.2\n")
    service = Service(["serve", "--host", "127.0.0.1", "--port", "0", "--config-file", str(conf)],
                      client_env(workdir), workdir).wait_ready()
    keystone.add_endpoint("compute", f"{service.url}/v2.1", "apiframe")
    yield service
    service.process.terminate()
    service.wait(30)


def carol(keystone, **settings) -> Connection:
    """carol's connection through keystone's password auth and catalog."""
    return Connection(auth_url=keystone.auth_url, username="carol", password=PASSWORD, project_name="demo",
                      user_domain_name="Default", project_domain_name="Default", **settings)


@pytest.fixture(scope="module")
def sdk(keystone, served):
    """openstacksdk as carol, through the same keystone and catalog."""
    openstack = pytest.importorskip("openstack")
    connection = openstack.connect(auth_url=keystone.auth_url, username="carol", password=PASSWORD,
                                   project_name="demo", user_domain_name="Default", project_domain_name="Default",
                                   load_yaml_config=False, load_envvars=False)
    yield connection
    connection.close()


@pytest.mark.parametrize("version", ["2.1", MAX_VERSION])
def test_scenario_through_the_catalog_equals_the_sdks(keystone, served, sdk, version):
    compute = carol(keystone).compute
    assert compute.adapter.endpoint_override == f"{served.url}/v2.1"
    server = compute.create_server(name="owner", flavor_id="1", image_id=str(uuid.uuid4()), networks="auto")
    assert (server.id, compute.get_server(server).project_id) == (server.id, keystone.project_id)
    assert compute.get_server(server).user_id == keystone.user_id
    compute.delete_server(server)
    client_scenario.run(compute, sdk, version)


def test_token_and_application_credential_auth(keystone, served):
    token = keystone.token("carol", PASSWORD, "demo")
    by_token = Connection(auth_url=keystone.auth_url, token=token, project_name="demo",
                          project_domain_name="Default")
    assert by_token.compute.get_flavor("1").name == "m1.tiny"
    credential = keystone.add_application_credential(token, keystone.user_id, "apiframe-tests")
    by_credential = Connection(auth_url=keystone.auth_url, application_credential_id=credential["id"],
                               application_credential_secret=credential["secret"])
    assert by_credential.compute.get_flavor("2").name == "m1.small"


def test_wrong_password_is_the_identity_services_refusal(keystone, served):
    wrong = Connection(auth_url=keystone.auth_url, username="carol", password="wrong", project_name="demo",
                       user_domain_name="Default", project_domain_name="Default")
    with pytest.raises(Unauthorized) as caught:
        wrong.compute  # noqa: B018
    assert caught.value.status == 401
    assert caught.value.message == "The request you have made requires authentication."
    assert caught.value.request_id.startswith("req-")


def test_a_region_without_compute(keystone, served):
    with pytest.raises(ClientError, match="public endpoint for compute service in Nowhere region not found") as caught:
        carol(keystone, region_name="Nowhere").compute  # noqa: B018
    assert caught.value.status is None and "EndpointNotFound" in caught.value.details


def test_an_invalid_token_is_refused_by_the_served_api(keystone, served):
    conn = Connection(endpoint=served.url, token="not-a-keystone-token")
    with pytest.raises(Unauthorized) as caught:
        list(conn.compute.servers())
    assert caught.value.message and caught.value.request_id.startswith("req-")
