"""The client scenario both served tests run: every resource and action, checked against openstacksdk.

``run(compute, sdk, version)`` drives a compute proxy at ``version`` through keypairs,
flavors, a server's life (create, wait for ACTIVE, every action, metadata, tags,
limits, delete) and, wherever openstacksdk reads the same thing, compares the two
clients' results field by field.
"""

from __future__ import annotations

import uuid

import pytest

from apiframe.client import UnsupportedMicroversion
from apiframe.client.resource import Resource
from apiframe.compute.api_versions import MAX_VERSION

WAIT = {"interval": 0.2, "wait": 30}

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


def run(compute, sdk, version: str) -> None:
    """The whole scenario at ``version``; ``sdk`` is an openstacksdk connection acting as the same caller."""
    compute = compute.at_microversion(version)
    at_max = version == MAX_VERSION

    theirs = list(sdk.compute.flavors())
    ours = list(compute.at_microversion(theirs[0].microversion).flavors())
    assert [f.id for f in ours] == [f.id for f in theirs]
    for mine, sdk_flavor in zip(ours, theirs, strict=True):
        assert_same_fields(mine, sdk_flavor, at_least=10)
    assert compute.find_flavor("m1.small").id == sdk.compute.find_flavor("m1.small").id == "2"
    sdk_limits = sdk.compute.get_limits()
    # The SDK reads limits without a microversion header, so at the API's minimum.
    limits = compute.at_microversion(sdk_limits.microversion or "2.1").get_limits()
    assert limits.absolute.body == dict(sdk_limits.absolute._body.attributes)


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
    compute.resize_server(server, "2")
    compute.wait_for_server(server, status="VERIFY_RESIZE", **WAIT)
    compute.revert_server_resize(server)
    compute.wait_for_server(server, status="ACTIVE", **WAIT)
    compute.resize_server(server, "2")
    compute.wait_for_server(server, status="VERIFY_RESIZE", **WAIT)
    compute.confirm_server_resize(server)
    resized = compute.wait_for_server(server, status="ACTIVE", **WAIT)
    assert (resized.flavor.get("original_name") or resized.flavor.get("id")) in ("m1.small", "2")
    assert uuid.UUID(compute.create_server_image(server, f"{name}-snapshot"))
    compute.lock_server(server)
    assert sdk.compute.get_server(server.id).is_locked is True
    compute.unlock_server(server)

    compute.delete_server(server)
    compute.wait_for_delete(server, **WAIT)
    assert sdk.compute.find_server(name) is None and compute.find_server(name) is None
    compute.delete_keypair(key_name)
    sdk.compute.delete_keypair(f"tmp-{key_name}", ignore_missing=True)
    assert created_key.name == key_name
