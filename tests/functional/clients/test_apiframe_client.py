"""apiframe.client drives a real ``apiframe-api serve`` process, and agrees with openstacksdk field by field.

Both clients act as the same caller (the development token ``notused``, which the
SDK's ``auth_type="none"`` sends too), so each resource one client reads, the other
reads as well; every attribute the two map from the same wire name must hold the same
value, at the microversion the SDK negotiated for that resource.
"""

from __future__ import annotations

import logging
import re
import uuid

import bcrypt
import pytest
from conftest import client_env
from service_process import Service

from apiframe.client import ClientError, Connection, Unauthorized, UnsupportedMicroversion
from apiframe.client.resource import Resource
from apiframe.compute.api_versions import MAX_VERSION

pytest.importorskip("openstack")

TOKEN = "notused"
WAIT = {"interval": 0.2, "wait": 30}


@pytest.fixture(scope="module")
def conn(compute_service) -> Connection:
    """A development-auth connection given the service's root URL."""
    connection = Connection(endpoint=compute_service.url, token=TOKEN)
    yield connection
    connection.close()


def _sdk_value(value, like=None):
    """An SDK value as plain data; a nested SDK resource is read key by key as ``like`` (our dict) has them.

    The SDK keeps a nested object's values under its own class's wire names (an embedded
    flavor's ``ephemeral`` under ``OS-FLV-EXT-DATA:ephemeral``), so each key is looked up
    as sent, else as the SDK attribute of that name.
    """
    from openstack.resource import Resource as SDKResource

    if isinstance(value, SDKResource) and isinstance(like, dict):
        raw = value._body.attributes
        return {key: _sdk_value(raw[key] if key in raw else getattr(value, key, None)) for key in like}
    if isinstance(value, SDKResource):
        return dict(value._body.attributes)
    if isinstance(value, list):
        return [_sdk_value(v) for v in value]
    return value


#: Values the SDK converts on reading: before 2.75 a flavor without swap shows "", which the
#: SDK turns into 0; apiframe.client keeps the value the server sent (its type is held to the schema).
#: The SDK's Image resource files an embedded image's ``links`` under ``properties`` and
#: loses the server's own ``properties`` (2.98); only the image id is comparable.
SDK_CONVERSIONS = {("Flavor", "swap"): lambda value: 0 if value == "" else value,
                   ("Server", "image"): lambda value: {"id": value["id"]} if isinstance(value, dict) else value}


def _our_value(resource: Resource, name: str):
    value = getattr(resource, name)
    value = value.body if isinstance(value, Resource) else value
    convert = SDK_CONVERSIONS.get((type(resource).__name__, name))
    return value if convert is None else convert(value)


def assert_same_fields(ours: Resource, theirs, *, at_least: int) -> list[str]:
    """Every attribute both clients map from the same wire name holds the same value; returns those names."""
    mapping = type(theirs)._body_mapping()
    compared = []
    for name, attribute in type(ours).attributes().items():
        if not attribute.response or attribute.wire not in mapping:
            continue
        mine = _our_value(ours, name)
        sdk = _sdk_value(getattr(theirs, mapping[attribute.wire]), mine)
        assert mine == sdk, f"{type(ours).__name__}.{name} ({attribute.wire!r}): {mine!r} != SDK {sdk!r}"
        compared.append(attribute.wire)
    assert len(compared) >= at_least, f"only {compared} compared"
    return compared


def test_connects_to_the_root_or_the_versioned_url(conn, compute_service):
    assert conn.compute.microversion == MAX_VERSION
    versioned = Connection(endpoint=f"{compute_service.url}/v2.1/", token=TOKEN)
    assert versioned.compute.microversion == MAX_VERSION
    assert [f.id for f in versioned.compute.flavors()] == [f.id for f in conn.compute.flavors()]
    pinned = Connection(endpoint=compute_service.url, token=TOKEN, microversion="2.60")
    assert pinned.compute.microversion == "2.60"
    assert pinned.compute.get_flavor("1").extra_specs is None  # 2.61 shows them


def test_flavors_and_limits_equal_the_sdks(conn, sdk):
    theirs = list(sdk.compute.flavors())
    ours = list(conn.compute.at_microversion(theirs[0].microversion).flavors())
    assert [f.id for f in ours] == [f.id for f in theirs] == ["1", "2", "3", "4", "5"]
    for mine, sdk_flavor in zip(ours, theirs, strict=True):
        assert_same_fields(mine, sdk_flavor, at_least=10)
    sdk_limits = sdk.compute.get_limits()
    # The SDK reads limits without a microversion header, so at the API's minimum.
    limits = conn.compute.at_microversion(sdk_limits.microversion or "2.1").get_limits()
    assert limits.absolute.body == dict(sdk_limits.absolute._body.attributes)
    assert limits.rate == list(sdk_limits.rate)


@pytest.mark.parametrize("version", ["2.1", MAX_VERSION])
def test_full_scenario_equals_the_sdks(compute_service, sdk, version):
    compute = Connection(endpoint=compute_service.url, token=TOKEN, microversion=version).compute
    at_max = version == MAX_VERSION

    key_name = f"key-{uuid.uuid4().hex[:8]}"
    created_key = compute.create_keypair(name=key_name, **({} if not at_max else {
        "public_key": sdk.compute.create_keypair(name=f"tmp-{key_name}").public_key}))
    sdk_key = sdk.compute.get_keypair(key_name)
    assert_same_fields(compute.at_microversion(sdk_key.microversion).get_keypair(key_name), sdk_key, at_least=4)
    assert key_name in {k.name for k in sdk.compute.keypairs()} & {k.name for k in compute.keypairs()}

    name = f"scenario-{uuid.uuid4().hex[:8]}"
    server = compute.create_server(name=name, flavor_id="1", image_id=str(uuid.uuid4()), key_name=key_name,
                                   metadata={"role": "web"}, **({"networks": "auto"} if at_max else {}))
    assert compute.get_server(server).status == "BUILD"
    server = compute.wait_for_server(server, status="ACTIVE", **WAIT)
    sdk_server = sdk.compute.get_server(server.id)
    mine = compute.at_microversion(sdk_server.microversion).get_server(server.id)
    compared = assert_same_fields(mine, sdk_server, at_least=30)
    assert {"OS-EXT-STS:vm_state", "addresses", "flavor", "image", "metadata", "locked"} <= set(compared)
    listed = {s.id: s for s in compute.at_microversion(sdk_server.microversion).servers(name=name)}
    for sdk_listed in sdk.compute.servers(name=name):
        assert_same_fields(listed[sdk_listed.id], sdk_listed, at_least=30)

    compute.set_server_metadata(server, tier="1")
    assert compute.get_server_metadata(server) == sdk.compute.get_server_metadata(server.id).metadata == {
        "role": "web", "tier": "1"}
    if at_max:
        compute.set_server_tags(server, ["blue", "green"])
        assert sorted(compute.server_tags(server)) == sorted(sdk.compute.get_server(server.id).tags)
    else:
        with pytest.raises(UnsupportedMicroversion):
            compute.server_tags(server)

    server.reboot(compute, "HARD")
    assert compute.get_server(server).status == "HARD_REBOOT"
    compute.wait_for_server(server, status="ACTIVE", **WAIT)
    for act, settled in [(compute.stop_server, "SHUTOFF"), (compute.start_server, "ACTIVE"),
                         (compute.pause_server, "PAUSED"), (compute.unpause_server, "ACTIVE"),
                         (compute.suspend_server, "SUSPENDED"), (compute.resume_server, "ACTIVE")]:
        act(server)
        assert compute.wait_for_server(server, status=settled, **WAIT).status == settled
        assert sdk.compute.get_server(server.id).status == settled
    compute.lock_server(server)
    assert sdk.compute.get_server(server.id).is_locked is True
    compute.unlock_server(server)

    compute.delete_server(server)
    compute.wait_for_delete(server, **WAIT)
    assert sdk.compute.find_server(name) is None and compute.find_server(name) is None
    compute.delete_keypair(key_name)
    sdk.compute.delete_keypair(f"tmp-{key_name}", ignore_missing=True)
    assert created_key.name == key_name


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
