"""openstacksdk drives the compute API served by a real ``apiframe-api serve`` process.

The connection has no credentials (``auth_type="none"``: the SDK sends ``X-Auth-Token:
notused``, which ``noauth`` reads as user and project ``notused``) and the compute
endpoint as an override; everything else (microversions, pagination, waiting for
states) is the SDK's own logic meeting the API's wire format.
"""

from __future__ import annotations

import base64
import hashlib
import re
import uuid

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from apiframe.api_version import APIVersion

pytest.importorskip("openstack")

from openstack import exceptions
from openstack.compute.v2.flavor import Flavor
from openstack.compute.v2.keypair import Keypair
from openstack.compute.v2.server import Server

WAIT = {"interval": 0.2, "wait": 30}


def negotiated(resource: type, advertised: APIVersion) -> str:
    """The microversion the SDK should use for ``resource``: its cap or the server's maximum."""
    return str(min(APIVersion.parse(resource._max_microversion), advertised))


def access_log(service) -> list[str]:
    """The service's access log lines so far: ``METHOD PATH status=N microversion=X.Y``."""
    return re.findall(r"apiframe\.access \S+ (\S+ \S+ status=\d+ microversion=\S+)", service.stderr)


def public_key() -> tuple[str, str]:
    """A new OpenSSH public key and its MD5 fingerprint as the compute API reports it."""
    key = ed25519.Ed25519PrivateKey.generate().public_key()
    text = key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
    digest = hashlib.md5(base64.b64decode(text.split()[1])).hexdigest()
    return text, ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def test_discovery_negotiates_each_resource_at_its_cap_or_the_server_maximum(sdk, compute_service, boot):
    document = compute_service.request("GET", "/v2.1/").json["version"]
    advertised = APIVersion.parse(document["version"])
    endpoint = sdk.compute.get_endpoint_data()
    assert endpoint.min_microversion == APIVersion.parse(document["min_version"])
    assert endpoint.max_microversion == advertised

    server = sdk.compute.get_server(boot("discovery").id)
    flavor = sdk.compute.get_flavor("1")
    list(sdk.compute.keypairs())
    assert server.microversion == negotiated(Server, advertised)
    assert flavor.microversion == negotiated(Flavor, advertised)
    # The SDK really sent those versions, and the service answered at them.
    log = access_log(compute_service)
    assert f"GET /v2.1/servers/{server.id} status=200 microversion={server.microversion}" in log
    assert f"GET /v2.1/flavors/1 status=200 microversion={flavor.microversion}" in log
    assert f"GET /v2.1/os-keypairs status=200 microversion={negotiated(Keypair, advertised)}" in log
    # auth_type="none" sends the token "notused": noauth made that the user and the project.
    assert (server.user_id, server.project_id) == ("notused", "notused")


def test_flavors_are_listed_across_pages_and_found_by_name(sdk, compute_service):
    flavors = list(sdk.compute.flavors())
    assert [(f.id, f.name, f.vcpus, f.ram, f.disk) for f in flavors] == [
        ("1", "m1.tiny", 1, 512, 1), ("2", "m1.small", 1, 2048, 20), ("3", "m1.medium", 2, 4096, 40),
        ("4", "m1.large", 4, 8192, 80), ("5", "m1.xlarge", 8, 16384, 160)]
    # Five flavors in pages of two: the SDK followed the "next" links to the third page.
    assert re.search(r"GET /v2\.1/flavors/detail\?\S*marker=4 status=200 microversion=2\.61",
                     "\n".join(access_log(compute_service)))

    small = sdk.compute.get_flavor("2")
    assert (small.name, small.is_public, small.is_disabled, small.extra_specs) == ("m1.small", True, False, {})
    assert sdk.compute.find_flavor("m1.small").id == "2"
    assert sdk.compute.find_flavor("m1.huge") is None


def test_keypair_import_list_show_delete(sdk):
    name = f"key-{uuid.uuid4().hex[:8]}"
    key, fingerprint = public_key()
    created = sdk.compute.create_keypair(name=name, public_key=key)
    assert (created.name, created.fingerprint, created.type) == (name, fingerprint, "ssh")
    with pytest.raises(exceptions.ConflictException):
        sdk.compute.create_keypair(name=name, public_key=key)

    assert name in [k.name for k in sdk.compute.keypairs()]
    shown = sdk.compute.get_keypair(name)
    assert (shown.public_key, shown.fingerprint, shown.user_id) == (key, fingerprint, "notused")

    sdk.compute.delete_keypair(name)
    assert name not in [k.name for k in sdk.compute.keypairs()]
    with pytest.raises(exceptions.NotFoundException):
        sdk.compute.get_keypair(name)


def test_server_lifecycle(sdk, boot):
    key_name = f"key-{uuid.uuid4().hex[:8]}"
    sdk.compute.create_keypair(name=key_name, public_key=public_key()[0])
    image_id = str(uuid.uuid4())
    created = boot(f"life-{uuid.uuid4().hex[:8]}", image_id=image_id, key_name=key_name, metadata={"role": "web"})
    assert created.admin_password

    assert sdk.compute.get_server(created.id).status == "BUILD"
    server = sdk.compute.wait_for_server(created, status="ACTIVE", **WAIT)
    assert server.status == "ACTIVE"
    assert (server.key_name, server.image.id, server.flavor.original_name) == (key_name, image_id, "m1.tiny")
    assert server.metadata == {"role": "web"}
    assert server.addresses and server.launched_at

    renamed = sdk.compute.update_server(server, name=f"{server.name}-renamed")
    assert sdk.compute.get_server(server.id).name == renamed.name

    # Metadata: merge, read, delete one key.
    sdk.compute.set_server_metadata(server, tier="1", env="test")
    assert sdk.compute.get_server_metadata(server).metadata == {"role": "web", "tier": "1", "env": "test"}
    sdk.compute.delete_server_metadata(server, ["role"])
    assert sdk.compute.get_server_metadata(server).metadata == {"tier": "1", "env": "test"}

    # Actions: each moves the server through its transitional state to the next stable one.
    # wait_for_server returns at once if the object it is given already has the status
    # asked for, so it gets the server as read after the reboot.
    sdk.compute.reboot_server(server, "SOFT")
    rebooting = sdk.compute.get_server(server.id)
    assert rebooting.status == "REBOOT"
    server = sdk.compute.wait_for_server(rebooting, status="ACTIVE", **WAIT)
    for act, settled in [(sdk.compute.stop_server, "SHUTOFF"), (sdk.compute.start_server, "ACTIVE"),
                         (sdk.compute.pause_server, "PAUSED"), (sdk.compute.unpause_server, "ACTIVE")]:
        act(server)
        server = sdk.compute.wait_for_server(server, status=settled, **WAIT)
        assert (server.status, server.task_state) == (settled, None)

    sdk.compute.lock_server(server, locked_reason="maintenance")
    locked = sdk.compute.get_server(server.id)
    assert (locked.is_locked, locked.locked_reason) == (True, "maintenance")
    with pytest.raises(exceptions.ConflictException):
        sdk.compute.stop_server(server)
    sdk.compute.unlock_server(server)
    assert sdk.compute.get_server(server.id).is_locked is False

    sdk.compute.delete_server(server)
    sdk.compute.wait_for_delete(server, **WAIT)
    with pytest.raises(exceptions.NotFoundException):
        sdk.compute.get_server(server.id)
    assert sdk.compute.find_server(renamed.name) is None
    sdk.compute.delete_keypair(key_name)


def test_server_lists_follow_the_next_links(sdk, compute_service, boot):
    tag = uuid.uuid4().hex[:8]
    created = [boot(f"page-{tag}-{i}").id for i in range(3)]

    # No client limit: only the servers_links of each full page lead the SDK to the rest.
    summaries = list(sdk.compute.servers(details=False, name=f"page-{tag}"))
    assert sorted(s.id for s in summaries) == sorted(created)
    assert re.search(rf"GET /v2\.1/servers\?(?=\S*name=page-{tag})\S*marker=\S+ status=200",
                     "\n".join(access_log(compute_service)))

    for server_id in created:
        sdk.compute.wait_for_server(sdk.compute.get_server(server_id), status="ACTIVE", **WAIT)
    detailed = list(sdk.compute.servers(name=f"page-{tag}", limit=2))
    assert sorted(s.id for s in detailed) == sorted(created)
    assert {s.status for s in detailed} == {"ACTIVE"}

    for server_id in created:
        sdk.compute.delete_server(server_id)
    for server_id in created:
        sdk.compute.wait_for_delete(Server(id=server_id), **WAIT)
    assert list(sdk.compute.servers(name=f"page-{tag}")) == []
