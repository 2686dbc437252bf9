"""The ``openstack`` command (python-openstackclient) against a real ``apiframe-api serve``.

Invocation: ``openstack --os-auth-type none --os-endpoint <service>/v2.1
--os-identity-api-version 3 ...`` (see the ``openstack_cli`` fixture for why the last
option). Without ``--os-compute-api-version`` the client negotiates like openstacksdk;
with it every compute request is made at that microversion.
"""

from __future__ import annotations

import json
import uuid

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

pytest.importorskip("openstackclient")

#: Negotiated (servers at 2.100, flavors at 2.61, keypairs at 2.10), and everything at 2.1.
PINNED = [[], ["--os-compute-api-version", "2.1"]]


def run_json(openstack_cli, *args: str):
    """Run ``openstack <args> -f json`` and decode what it printed."""
    return json.loads(openstack_cli(*args, "-f", "json").stdout)


@pytest.mark.parametrize("version", PINNED, ids=["negotiated", "2.1"])
def test_flavor_list_and_show(openstack_cli, version):
    flavors = run_json(openstack_cli, *version, "flavor", "list")
    assert [(f["ID"], f["Name"], f["RAM"], f["VCPUs"], f["Is Public"]) for f in flavors] == [
        ("1", "m1.tiny", 512, 1, True), ("2", "m1.small", 2048, 1, True), ("3", "m1.medium", 4096, 2, True),
        ("4", "m1.large", 8192, 4, True), ("5", "m1.xlarge", 16384, 8, True)]
    small = run_json(openstack_cli, *version, "flavor", "show", "m1.small")
    assert (small["id"], small["ram"], small["disk"], small["vcpus"]) == ("2", 2048, 20, 1)


def test_keypair_create_list_show_delete(openstack_cli, tmp_path):
    name = f"cli-{uuid.uuid4().hex[:8]}"
    key_file = tmp_path / "id_rsa.pub"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    key_file.write_bytes(key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH))

    created = run_json(openstack_cli, "keypair", "create", "--public-key", str(key_file), name)
    assert (created["name"], created["type"], created["user_id"]) == (name, "ssh", "notused")
    listed = {k["Name"]: k for k in run_json(openstack_cli, "keypair", "list")}
    assert listed[name]["Fingerprint"] == created["fingerprint"]
    shown = run_json(openstack_cli, "keypair", "show", name)
    assert shown["fingerprint"] == created["fingerprint"]

    openstack_cli("keypair", "delete", name)
    assert name not in {k["Name"] for k in run_json(openstack_cli, "keypair", "list")}
    missing = openstack_cli("keypair", "show", name, check=False)
    assert missing.returncode == 1 and name in missing.stderr


def test_server_list_show_delete(openstack_cli, sdk, boot):
    name = f"cli-{uuid.uuid4().hex[:8]}"
    image_id = str(uuid.uuid4())
    server = sdk.compute.wait_for_server(boot(name, image_id=image_id), status="ACTIVE", interval=0.2, wait=30)

    for version in PINNED:
        listed = run_json(openstack_cli, *version, "server", "list", "--name", name)
        assert [(s["ID"], s["Name"], s["Status"], s["Flavor"]) for s in listed] == \
            [(server.id, name, "ACTIVE", "m1.tiny")]
        assert list(listed[0]["Networks"]) == list(server.addresses)
        shown = run_json(openstack_cli, *version, "server", "show", name)
        assert (shown["id"], shown["status"], shown["image"]) == (server.id, "ACTIVE", image_id)
        assert shown["user_id"] == shown["project_id"] == "notused"

    openstack_cli("server", "delete", "--wait", server.id)
    missing = openstack_cli("server", "show", server.id, check=False)
    assert missing.returncode == 1 and server.id in missing.stderr
    assert run_json(openstack_cli, "server", "list", "--name", name) == []
