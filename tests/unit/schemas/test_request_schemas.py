"""Request and query schemas accept what Nova accepts at each microversion and refuse the rest.

Request bodies are Nova's api-samples (doc/api_samples/...), shortened where values are long.
"""

from __future__ import annotations

import copy

import pytest
import webob

from apiframe.exception import ValidationError
from apiframe.schemas import (
    flavor_access,
    flavor_extra_specs,
    flavors,
    keypairs,
    limits,
    server_metadata,
    server_tags,
    servers,
)
from apiframe.validation.validators import BodyValidator, QueryValidator

IMAGE = "70a599e0-31e7-49b7-b260-868f441e862b"

# servers/server-create-req.json
CREATE_V21 = {
    "server": {
        "accessIPv4": "1.2.3.4",
        "accessIPv6": "80fe::",
        "name": "new-server-test",
        "imageRef": IMAGE,
        "flavorRef": "1",
        "availability_zone": "us-west",
        "OS-DCF:diskConfig": "AUTO",
        "metadata": {"My Server Name": "Apache1"},
        "personality": [{"path": "/etc/banner.txt", "contents": "ICAgICAgDQoiQSBjbG91ZCBkb2VzIG5vdA=="}],
        "security_groups": [{"name": "default"}],
        "user_data": "IyEvYmluL2Jhc2gKL2Jpbi9zdQplY2hvICJJIGFtIGluIHlvdSEiCg==",
    },
    "OS-SCH-HNT:scheduler_hints": {"same_host": "48e6a9f6-30af-47e0-bc04-acaed113bb4e"},
}

# servers/v2.100/server-create-req.json
CREATE_V2100 = copy.deepcopy(CREATE_V21)
del CREATE_V2100["server"]["personality"]
CREATE_V2100["server"].update({"networks": "auto", "hostname": "new-server-test"})

# The same without the 2.90 hostname: a body every version from 2.37 to 2.89 accepts.
CREATE_V237 = copy.deepcopy(CREATE_V2100)
del CREATE_V237["server"]["hostname"]


_VALIDATORS: dict[int, BodyValidator] = {}


def validator(schema):
    # Schemas are module constants, so id() is stable for the run; compile each once.
    if id(schema) not in _VALIDATORS:
        _VALIDATORS[id(schema)] = BodyValidator(schema)
    return _VALIDATORS[id(schema)]


def accepts(schema, body):
    validator(schema).validate(body)


def refuses(schema, body, *words):
    with pytest.raises(ValidationError) as caught:
        validator(schema).validate(body)
    for word in words:
        assert word in caught.value.message


def with_server(body, **fields):
    changed = copy.deepcopy(body)
    changed["server"].update(fields)
    return changed


def test_create_v21_sample():
    accepts(servers.create, CREATE_V21)
    refuses(servers.create, with_server(CREATE_V21, description="x"), "description")
    refuses(servers.create, {"server": {"name": "a"}}, "flavorRef")


def test_create_description_from_2_19():
    accepts(servers.create_v219, with_server(CREATE_V21, description="web"))


def test_create_networks_required_from_2_37():
    # servers/v2.37/server-create-req.json
    auto = {"server": {"name": "auto-allocate-network", "imageRef": IMAGE,
                       "flavorRef": "http://openstack.example.com/flavors/1", "networks": "auto"}}
    accepts(servers.create_v237, auto)
    refuses(servers.create_v237, CREATE_V21, "networks")
    refuses(servers.create_v237, with_server(auto, networks=[{"uuid": "not-a-uuid"}]))
    accepts(servers.create_v237, with_server(auto, networks=[{"uuid": IMAGE}]))


def test_network_and_device_tags_by_version():
    tagged = with_server(CREATE_V237, networks=[{"uuid": IMAGE, "tag": "nic1"}])
    accepts(servers.create_v237, with_server(CREATE_V237, networks=[{"uuid": IMAGE}]))
    refuses(servers.create_v237, tagged, "tag")
    accepts(servers.create_v242, tagged)
    device = with_server(CREATE_V237, block_device_mapping_v2=[{"uuid": IMAGE, "tag": "disk1"}])
    refuses(servers.create_v237, device, "tag")
    accepts(servers.create_v232, with_server(CREATE_V21, block_device_mapping_v2=[{"uuid": IMAGE, "tag": "d"}]))
    refuses(servers.create_v233, with_server(CREATE_V21, block_device_mapping_v2=[{"uuid": IMAGE, "tag": "d"}]))
    accepts(servers.create_v242, device)


def test_create_tags_personality_and_later_fields():
    tagged = with_server(CREATE_V237, tags=["a", "b"])
    refuses(servers.create_v242, tagged, "tags")
    accepts(servers.create_v252, tagged)
    with_personality = with_server(tagged, personality=[])
    accepts(servers.create_v252, with_personality)
    refuses(servers.create_v257, with_personality, "personality")
    certs = with_server(tagged, trusted_image_certificates=["0b5d2c72"])
    refuses(servers.create_v257, certs)
    accepts(servers.create_v263, certs)
    volume_type = with_server(tagged, block_device_mapping_v2=[{"uuid": IMAGE, "volume_type": "lvm"}])
    refuses(servers.create_v263, volume_type)
    accepts(servers.create_v267, volume_type)
    host = with_server(tagged, host="compute1", hypervisor_hostname="fake-mini")
    refuses(servers.create_v267, host)
    accepts(servers.create_v274, host)


def test_create_hostname_2_90_and_fqdn_2_94():
    accepts(servers.create_v290, CREATE_V2100)
    refuses(servers.create_v274, CREATE_V2100, "hostname")
    fqdn = with_server(CREATE_V2100, hostname="web.example.com")
    refuses(servers.create_v290, fqdn)
    accepts(servers.create_v294, fqdn)


def test_update():
    # servers/v2.19/server-put-req.json
    body = {"server": {"name": "updated-server-test", "description": "updated-server-description"}}
    refuses(servers.update, body, "description")
    accepts(servers.update_v219, body)
    accepts(servers.update, {"server": {"name": "x", "accessIPv4": "4.5.6.7", "OS-DCF:diskConfig": "MANUAL"}})
    refuses(servers.update_v219, {"server": {"hostname": "web"}})
    accepts(servers.update_v290, {"server": {"hostname": "web"}})
    refuses(servers.update_v290, {"server": {"hostname": "web.example.com"}})
    accepts(servers.update_v294, {"server": {"hostname": "web.example.com"}})


@pytest.mark.parametrize(("schema", "body"), [
    (servers.reboot, {"reboot": {"type": "HARD"}}),
    (servers.reboot, {"reboot": {"type": "soft"}}),
    (servers.resize, {"resize": {"flavorRef": "2", "OS-DCF:diskConfig": "AUTO"}}),
    (servers.create_image, {"createImage": {"name": "foo-image", "metadata": {"meta_var": "meta_val"}}}),
    (servers.start_server, {"os-start": None}),
    (servers.stop_server, {"os-stop": None}),
    (servers.confirm_resize, {"confirmResize": None}),
    (servers.revert_resize, {"revertResize": None}),
    (servers.pause, {"pause": None}),
    (servers.unpause, {"unpause": None}),
    (servers.suspend, {"suspend": None}),
    (servers.resume, {"resume": None}),
    (servers.lock, {"lock": None}),
    (servers.unlock, {"unlock": None}),
    (servers.lock_v273, {"lock": {"locked_reason": "I don't want to work"}}),
    (servers.lock_v273, {"lock": None}),
])
def test_action_samples(schema, body):
    accepts(schema, body)


@pytest.mark.parametrize(("schema", "body"), [
    (servers.reboot, {"reboot": {"type": "WARM"}}),
    (servers.reboot, {"reboot": {}}),
    (servers.resize, {"resize": {}}),
    (servers.create_image, {"createImage": {}}),
    (servers.lock, {"lock": None, "extra": 1}),
    (servers.lock_v273, {"lock": {"locked_reason": ""}}),
    (servers.lock_v273, {"lock": {"reason": "x"}}),
])
def test_action_refusals(schema, body):
    refuses(schema, body)


def query(schema, text):
    return QueryValidator(schema).validate(webob.Request.blank(f"/?{text}").GET)


@pytest.mark.parametrize(("schema", "ignored"), [
    (servers.index_query, servers.IGNORED_SORT_KEYS),
    (servers.index_query_v273, servers.IGNORED_SORT_KEYS_V273),
    (servers.index_query_v275, []),
])
def test_every_accepted_sort_key_either_sorts_or_is_ignored(schema, ignored):
    accepted = set(schema["properties"]["sort_key"]["items"]["enum"])
    sorting = accepted - set(ignored)
    assert set(ignored) <= accepted
    assert sorting <= set(servers.SORT_KEYS)
    assert sorting == set(servers.SORT_KEYS) - ({"locked"} if "locked" in ignored else set())


def test_server_list_query_by_version():
    assert query(servers.index_query, "name=web&bogus=1") == {"name": ["web"]}
    assert "tags" not in query(servers.index_query, "tags=a")
    assert query(servers.index_query_v226, "tags=a,b&not-tags-any=c") == {"tags": ["a,b"], "not-tags-any": ["c"]}
    assert "changes-before" not in query(servers.index_query_v226, "changes-before=2013-09-03T04:01:32Z")
    assert query(servers.index_query_v266, "changes-before=2013-09-03T04:01:32Z")
    assert query(servers.index_query_v273, "locked=true&sort_key=locked") == {
        "locked": ["true"], "sort_key": ["locked"]}
    with pytest.raises(ValidationError):
        query(servers.index_query_v275, "bogus=1")
    with pytest.raises(ValidationError):
        query(servers.index_query_v275, "sort_key=vcpus")
    assert query(servers.index_query_v273, "sort_key=vcpus")
    with pytest.raises(ValidationError):
        query(servers.index_query, "limit=-1")
    with pytest.raises(ValidationError):
        query(servers.index_query, "changes-since=yesterday")


def test_flavors():
    # flavor-manage/flavor-create-post-req.json and v2.55
    body = {"flavor": {"name": "test_flavor", "ram": 1024, "vcpus": 2, "disk": 10, "id": "10", "rxtx_factor": 2.0}}
    accepts(flavors.create, body)
    described = copy.deepcopy(body)
    described["flavor"]["description"] = "test description"
    refuses(flavors.create, described, "description")
    accepts(flavors.create_v255, described)
    refuses(flavors.create, {"flavor": {"name": "x", "ram": 0, "vcpus": 1, "disk": 0}}, "ram")
    accepts(flavors.update, {"flavor": {"description": "updated description"}})
    refuses(flavors.update, {"flavor": {}}, "description")
    assert query(flavors.index_query, "minRam=512&sort_dir=asc&x=1") == {"minRam": ["512"], "sort_dir": ["asc"]}
    with pytest.raises(ValidationError):
        query(flavors.index_query_v275, "x=1")
    with pytest.raises(ValidationError):
        query(flavors.index_query, "sort_key=colour")


def test_flavor_access_and_extra_specs():
    accepts(flavor_access.add_tenant_access, {"addTenantAccess": {"tenant": "fake_tenant"}})
    accepts(flavor_access.remove_tenant_access, {"removeTenantAccess": {"tenant": "fake_tenant"}})
    refuses(flavor_access.remove_tenant_access, {"addTenantAccess": {"tenant": "fake_tenant"}})
    refuses(flavor_access.add_tenant_access, {"addTenantAccess": {"tenant": ""}})
    accepts(flavor_extra_specs.create, {"extra_specs": {"hw:cpu_policy": "shared", "hw:numa_nodes": 1}})
    accepts(flavor_extra_specs.update, {"hw:numa_nodes": "2"})
    refuses(flavor_extra_specs.update, {"a": "1", "b": "2"})
    refuses(flavor_extra_specs.create, {"extra_specs": {"bad/key": "1"}})


def test_keypairs_by_version():
    body = {"keypair": {"name": "keypair-d20a3d59", "public_key": "ssh-rsa AAAA fake"}}
    accepts(keypairs.create, body)
    typed = copy.deepcopy(body)
    typed["keypair"]["type"] = "ssh"
    refuses(keypairs.create, typed, "type")
    accepts(keypairs.create_v22, typed)
    owned = copy.deepcopy(typed)
    owned["keypair"]["user_id"] = "fake"
    refuses(keypairs.create_v22, owned, "user_id")
    accepts(keypairs.create_v210, owned)
    # os-keypairs/v2.92/keypairs-import-post-req.json
    dotted = copy.deepcopy(owned)
    dotted["keypair"]["name"] = "me.and.myself@this.nice.domain.com mooh."
    refuses(keypairs.create_v210, dotted)
    accepts(keypairs.create_v292, dotted)
    generate = {"keypair": {"name": "foo", "type": "ssh", "user_id": "fake"}}
    accepts(keypairs.create_v210, generate)
    refuses(keypairs.create_v292, generate, "public_key")
    assert query(keypairs.index_query, "user_id=a") == {}
    assert query(keypairs.index_query_v210, "user_id=a&limit=1") == {"user_id": ["a"]}
    assert query(keypairs.index_query_v235, "limit=1&marker=k") == {"limit": ["1"], "marker": ["k"]}
    with pytest.raises(ValidationError):
        query(keypairs.index_query_v275, "other=1")
    with pytest.raises(ValidationError):
        query(keypairs.show_query_v275, "other=1")


def test_limits_query():
    assert query(limits.index_query, "tenant_id=p&x=1") == {"tenant_id": ["p"]}
    with pytest.raises(ValidationError):
        query(limits.index_query_v275, "x=1")


def test_metadata_and_tags():
    accepts(server_metadata.create, {"metadata": {"foo": "Foo Value"}})
    accepts(server_metadata.update_all, {"metadata": {}})
    accepts(server_metadata.update, {"meta": {"foo": "Bar Value"}})
    refuses(server_metadata.update, {"meta": {}})
    refuses(server_metadata.update, {"meta": {"a": "1", "b": "2"}})
    refuses(server_metadata.create, {"metadata": {"foo": "x" * 256}})
    accepts(server_tags.update_all, {"tags": ["tag1", "tag2"]})
    refuses(server_tags.update_all, {"tags": ["a/b"]})
    refuses(server_tags.update_all, {"tags": [str(n) for n in range(51)]})
