"""Keypair views: the key sets of Nova's api-samples at each microversion, and our schemas."""

from __future__ import annotations

import pytest
from compute_view_fakes import HOST, PROJECT_ID, assert_valid, keypair_record, make_request, pick

from apiframe.compute.views import keypairs as views
from apiframe.schemas import keypairs as schemas

# doc/api_samples/os-keypairs/{,v2.2/}keypairs-{list,post,get}-resp.json
LISTED = {"name", "public_key", "fingerprint"}
CREATED = LISTED | {"user_id"}
SHOWN = CREATED | {"created_at", "deleted", "deleted_at", "id", "updated_at"}

INDEX_SCHEMAS = [("2.1", schemas.index_response), ("2.2", schemas.index_response_v22),
                 ("2.35", schemas.index_response_v235)]
CREATE_SCHEMAS = [("2.1", schemas.create_response), ("2.2", schemas.create_response_v22),
                  ("2.92", schemas.create_response_v292)]
SHOW_SCHEMAS = [("2.1", schemas.show_response), ("2.2", schemas.show_response_v22)]

VERSIONS = ["2.1", "2.2", "2.10", "2.35", "2.92", "2.100"]


def with_type(keys, version):
    return keys | {"type"} if make_request(version).is_supported("2.2") else keys


@pytest.mark.parametrize("version", VERSIONS)
def test_index(version):
    body = views.index(make_request(version), [keypair_record()], limit=None)
    assert set(body) == {"keypairs"}
    assert set(body["keypairs"][0]) == {"keypair"}
    assert set(body["keypairs"][0]["keypair"]) == with_type(LISTED, version)
    assert_valid(pick(INDEX_SCHEMAS, version), body)


@pytest.mark.parametrize("version", VERSIONS)
def test_create(version):
    req = make_request(version)
    imported = views.create(req, keypair_record())
    assert set(imported["keypair"]) == with_type(CREATED, version)
    assert_valid(pick(CREATE_SCHEMAS, version), imported)
    if not req.is_supported("2.92"):
        generated = views.create(req, keypair_record(), private_key="-----BEGIN RSA PRIVATE KEY-----\n")
        assert set(generated["keypair"]) == with_type(CREATED | {"private_key"}, version)
        assert_valid(pick(CREATE_SCHEMAS, version), generated)


@pytest.mark.parametrize("version", VERSIONS)
def test_show(version):
    body = views.show(make_request(version), keypair_record())
    assert set(body["keypair"]) == with_type(SHOWN, version)
    assert_valid(pick(SHOW_SCHEMAS, version), body)
    keypair = body["keypair"]
    assert keypair["created_at"] == "2014-05-07T12:06:13.681238"
    assert keypair["deleted"] is False and keypair["deleted_at"] is None and keypair["updated_at"] is None
    assert keypair["id"] == 1


def test_links_from_2_35_by_name():
    keypairs = [keypair_record(name="a"), keypair_record(name="b")]
    req = make_request("2.35", query="limit=2")
    body = views.index(req, keypairs, limit=2)
    # doc/api_samples/os-keypairs/v2.35/keypairs-list-resp.json
    assert body["keypairs_links"] == [
        {"rel": "next", "href": f"{HOST}/v2.1/{PROJECT_ID}/os-keypairs?limit=2&marker=b"}]
    assert_valid(schemas.index_response_v235, body)
    assert "keypairs_links" not in views.index(make_request("2.34", query="limit=2"), keypairs, limit=2)
