"""The compute client against the compute API in-process: every resource and action, at 2.1 and the maximum.

Each scenario runs once with the connection pinned to 2.1 and once at the version
negotiated with the server (its maximum), through keystoneauth1's real request path.
"""

from __future__ import annotations

import base64
import hashlib
import uuid

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from apiframe.client import ClientError, Conflict, NotFound, UnsupportedMicroversion
from apiframe.compute.api_versions import MAX_VERSION
from apiframe.compute.client.servers import Server
from apiframe.testing import Persona

VERSIONS = ["2.1", MAX_VERSION]
FAST = {"interval": 0.01, "wait": 5}


def public_key() -> tuple[str, str]:
    """A new OpenSSH public key and its MD5 fingerprint as the compute API reports it."""
    key = ed25519.Ed25519PrivateKey.generate().public_key()
    text = key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
    digest = hashlib.md5(base64.b64decode(text.split()[1])).hexdigest()
    return text, ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


@pytest.fixture(params=VERSIONS)
def compute(request, compute_app):
    """A member's compute proxy pinned to 2.1 or at the server's maximum, in a project of its own."""
    project = f"p-{uuid.uuid4().hex[:8]}"
    who = Persona("member", f"u-{project}", project, ("member", "reader"))
    return compute_app.connection(who, microversion=request.param).compute


def test_negotiation_picks_the_highest_common_version(admin):
    assert admin.compute.microversion == MAX_VERSION
    assert str(admin.compute.version_info.min_version) == "2.1"
    assert admin.compute.version_info.surface


def test_flavors_are_listed_across_pages_and_found(compute):
    flavors = list(compute.flavors())
    assert [(f.id, f.name, f.vcpus, f.ram, f.disk) for f in flavors] == [
        ("1", "m1.tiny", 1, 512, 1), ("2", "m1.small", 1, 2048, 20), ("3", "m1.medium", 2, 4096, 40),
        ("4", "m1.large", 4, 8192, 80), ("5", "m1.xlarge", 8, 16384, 160)]
    assert [f.name for f in compute.flavors(details=False)][:2] == ["m1.tiny", "m1.small"]
    assert all(f.ram is None for f in compute.flavors(details=False))
    small = compute.get_flavor("2")
    assert (small.is_public, small.is_disabled, small.ephemeral) == (True, False, 0)
    assert compute.find_flavor("m1.small").id == "2"
    assert compute.find_flavor("m1.huge") is None
    with pytest.raises(NotFound):
        compute.find_flavor("m1.huge", ignore_missing=False)
    assert [f.id for f in compute.flavors(min_ram=4096)] == ["3", "4", "5"]


def test_keypairs(compute):
    name = f"key-{uuid.uuid4().hex[:8]}"
    key, fingerprint = public_key()
    created = compute.create_keypair(name=name, public_key=key)
    assert (created.name, created.fingerprint, created.public_key) == (name, fingerprint, key)
    assert created.type == (None if compute.microversion == "2.1" else "ssh")
    with pytest.raises(Conflict):
        compute.create_keypair(name=name, public_key=key)
    listed = {k.name: k for k in compute.keypairs()}
    assert listed[name].fingerprint == fingerprint
    shown = compute.get_keypair(name)
    assert (shown.public_key, shown.is_deleted, shown.deleted_at) == (key, False, None)
    assert isinstance(shown.id, int)
    compute.delete_keypair(name)
    assert compute.find_keypair(name) is None
    with pytest.raises(NotFound):
        compute.delete_keypair(name, ignore_missing=False)


def test_generated_keypair_before_2_92(compute):
    if compute.microversion != "2.1":
        pytest.skip("the server generates keys only before 2.92")
    generated = compute.create_keypair(name=f"gen-{uuid.uuid4().hex[:8]}")
    assert generated.private_key.startswith("-----BEGIN")


def test_server_lifecycle_with_every_action(compute, admin):
    at_max = compute.microversion != "2.1"
    name = f"life-{uuid.uuid4().hex[:8]}"
    image = str(uuid.uuid4())
    created = compute.create_server(name=name, flavor_id="1", image_id=image, metadata={"role": "web"},
                                    **({"networks": "auto", "description": "first"} if at_max else {}))
    assert created.admin_password and created.id
    server = compute.wait_for_server(created, status="ACTIVE", **FAST)
    assert (server.name, server.status, server.image["id"], server.metadata) == (name, "ACTIVE", image,
                                                                              {"role": "web"})
    if at_max:
        assert server.flavor == {"vcpus": 1, "ram": 512, "disk": 1, "ephemeral": 0, "swap": 0,
                                 "original_name": "m1.tiny", "extra_specs": {}}
    else:
        assert server.flavor["id"] == "1" and server.flavor["links"]
    assert (server.description, server.is_locked) == (("first", False) if at_max else (None, None))
    assert compute.find_server(name).id == server.id

    renamed = compute.update_server(server, name=f"{name}-2")
    assert compute.get_server(server.id).name == renamed.name == f"{name}-2"

    assert compute.set_server_metadata(server, tier="1") == {"role": "web", "tier": "1"}
    assert compute.get_server_metadata_item(server, "tier") == "1"
    assert compute.set_server_metadata_item(server, "tier", "2") == "2"
    compute.delete_server_metadata(server, ["role"])
    assert compute.get_server_metadata(server) == {"tier": "2"}
    assert compute.replace_server_metadata(server, {"only": "x"}) == {"only": "x"}

    if at_max:
        assert compute.set_server_tags(server, ["a", "b"]) == ["a", "b"]
        compute.add_server_tag(server, "c")
        assert compute.server_has_tag(server, "c") and not compute.server_has_tag(server, "z")
        compute.remove_server_tag(server, "a")
        assert sorted(compute.server_tags(server)) == ["b", "c"]
        compute.clear_server_tags(server)
        assert compute.server_tags(server) == []
    else:
        with pytest.raises(UnsupportedMicroversion, match="2.26"):
            compute.server_tags(server)

    server.reboot(compute, "SOFT")
    assert compute.wait_for_server(server, status="ACTIVE", **FAST).status == "ACTIVE"
    for act, settled in [(compute.stop_server, "SHUTOFF"), (compute.start_server, "ACTIVE"),
                         (compute.pause_server, "PAUSED"), (compute.unpause_server, "ACTIVE"),
                         (compute.suspend_server, "SUSPENDED"), (compute.resume_server, "ACTIVE")]:
        act(server)
        assert compute.wait_for_server(server, status=settled, **FAST).status == settled
    compute.resize_server(server, "2")
    assert compute.wait_for_server(server, status="VERIFY_RESIZE", **FAST)
    compute.revert_server_resize(server)
    compute.wait_for_server(server, status="ACTIVE", **FAST)
    compute.resize_server(server, "2")
    compute.wait_for_server(server, status="VERIFY_RESIZE", **FAST)
    compute.confirm_server_resize(server)
    resized = compute.wait_for_server(server, status="ACTIVE", **FAST)
    assert (resized.flavor["original_name"] if at_max else resized.flavor["id"]) == ("m1.small" if at_max else "2")
    assert uuid.UUID(compute.create_server_image(server, "snap", {"kind": "backup"}))

    compute.lock_server(server, **({"locked_reason": "maintenance"} if at_max else {}))
    locked = compute.get_server(server)
    assert (locked.is_locked, locked.locked_reason) == ((True, "maintenance") if at_max else (None, None))
    with pytest.raises(Conflict) as refused:
        compute.stop_server(server)
    assert "locked" in refused.value.message
    if not at_max:
        with pytest.raises(UnsupportedMicroversion, match="2.73"):
            compute.lock_server(server, locked_reason="x")
    compute.unlock_server(server)

    compute.delete_server(server)
    compute.wait_for_delete(server, **FAST)
    with pytest.raises(NotFound):
        compute.get_server(server.id)
    assert compute.find_server(name) is None


def test_server_lists_follow_next_links(compute):
    tag = uuid.uuid4().hex[:8]
    created = [compute.create_server(name=f"page-{tag}-{i}", flavor_id="1", image_id=str(uuid.uuid4()),
                                     **({} if compute.microversion == "2.1" else {"networks": "none"})).id
               for i in range(3)]
    assert sorted(s.id for s in compute.servers(details=False, name=f"page-{tag}")) == sorted(created)
    assert {s.status for s in compute.servers(name=f"page-{tag}")} == {"ACTIVE"}
    assert len(list(compute.servers(name=f"page-{tag}", limit=1))) == 3
    for server_id in created:
        compute.delete_server(server_id)
    assert list(compute.servers(name=f"page-{tag}")) == []


def test_limits(compute):
    limits = compute.get_limits()
    assert limits.absolute.instances == 10 and limits.rate == []
    assert limits.absolute.image_meta == (128 if compute.microversion == "2.1" else None)
    assert limits.absolute.instances_used == 0


def test_admin_manages_flavors_access_and_extra_specs(admin):
    compute = admin.compute
    name = f"f-{uuid.uuid4().hex[:8]}"
    flavor = compute.create_flavor(name=name, ram=256, vcpus=1, disk=0, is_public=False, description="d1")
    assert (flavor.name, flavor.is_public, flavor.description) == (name, False, "d1")
    assert compute.update_flavor(flavor, description="d2").description == "d2"
    assert [a.project_id for a in compute.flavor_add_tenant_access(flavor, "p1")] == ["p1"]
    assert [(a.flavor_id, a.project_id) for a in compute.flavor_access(flavor)] == [(flavor.id, "p1")]
    assert compute.flavor_remove_tenant_access(flavor, "p1") == []
    assert compute.create_flavor_extra_specs(flavor, {"hw:cpu_policy": "dedicated"}) == {
        "hw:cpu_policy": "dedicated"}
    assert compute.update_flavor_extra_specs_property(flavor, "hw:cpu_policy", "shared") == "shared"
    assert compute.get_flavor_extra_specs_property(flavor, "hw:cpu_policy") == "shared"
    assert compute.get_flavor_extra_specs(flavor) == {"hw:cpu_policy": "shared"}
    compute.delete_flavor_extra_specs_property(flavor, "hw:cpu_policy")
    assert compute.get_flavor(flavor).extra_specs == {}
    compute.delete_flavor(flavor)
    assert compute.find_flavor(flavor.id) is None


def test_resource_actions_take_a_connection_or_a_proxy(member):
    server = member.compute.create_server(name="act", flavor_id="1", image_id=str(uuid.uuid4()), networks="auto")
    server = member.compute.wait_for_server(server, **FAST)
    server.stop(member)
    assert member.compute.wait_for_server(server, status="SHUTOFF", **FAST).status == "SHUTOFF"
    server.start(member.compute)
    assert member.compute.wait_for_server(server, **FAST).status == "ACTIVE"
    member.compute.delete_server(server)


def test_wait_for_a_status_that_never_comes_times_out(member):
    server = member.compute.create_server(name="wait", flavor_id="1", image_id=str(uuid.uuid4()), networks="auto")
    with pytest.raises(ClientError, match="still has status ACTIVE after 0.05 seconds"):
        member.compute.wait_for_server(server, status="SHUTOFF", interval=0.02, wait=0.05)
    member.compute.delete_server(server)
    assert isinstance(server, Server)


def test_a_session_or_an_adapter_of_the_callers_own(compute_app):
    from keystoneauth1 import adapter, session, token_endpoint

    from apiframe.client import Connection
    from apiframe.testing.wsgi_transport import wsgi_session

    http = wsgi_session(compute_app.app, "http://localhost/")
    own = session.Session(auth=token_endpoint.Token("http://localhost/v2.1", "admin:admin-project:admin"),
                          session=http)
    assert Connection(session=own).compute.get_flavor("1").name == "m1.tiny"
    bound = adapter.Adapter(own, service_type="compute", endpoint_override="http://localhost/v2.1",
                            global_request_id="req-00000000-0000-0000-0000-000000000001")
    conn = Connection(adapter=bound, microversion="2.55")
    assert (conn.compute.microversion, conn.session) == ("2.55", own)
    assert conn.settings.global_request_id == "req-00000000-0000-0000-0000-000000000001"
    assert conn.compute.get_flavor("2").description is None
