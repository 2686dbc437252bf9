"""Version documents: no credentials needed, Nova's shape, microversion headers and errors."""

from __future__ import annotations

import re

import pytest
from compute_testlib import samples

from apiframe.testing import assert_fault

SAMPLES = samples("versions")


def test_root_and_v21_documents(tenant):
    client = tenant.client("anonymous", None)
    resp = client.get("http://localhost/")
    SAMPLES.verify("versions-get-resp", resp, version="2.1", endpoints=client.sample_endpoints)
    assert "OpenStack-API-Version" not in resp.headers
    resp = client.get("/")
    SAMPLES.verify("v21-version-get-resp", resp, endpoints=client.sample_endpoints)
    assert resp.json["version"]["version"] == "2.100"
    assert resp.headers["OpenStack-API-Version"] == "compute 2.1"


@pytest.mark.parametrize("path", ["/v2.1", "/v2.1/"])
@pytest.mark.parametrize("version", [None, "2.1", "latest"])
def test_v21_document_has_exactly_the_compute_api_keys(tenant, path, version):
    # Client test suites validate this document with a schema that forbids other keys.
    resp = tenant.client("anonymous", version).get(f"http://localhost{path}")
    assert list(resp.json) == ["version"]
    assert set(resp.json["version"]) == {"id", "status", "version", "min_version", "updated", "links",
                                         "media-types"}
    assert all("x-apiframe" not in key.lower() for key in resp.json["version"])


def test_v21_document_reports_the_surface_in_headers_and_answers_if_none_match(tenant):
    client = tenant.client("anonymous", None)
    resp = client.get("/")
    surface = resp.headers["X-Apiframe-Surface"]
    assert re.fullmatch(r"[0-9a-f]{16}", surface)
    assert resp.headers["ETag"] == f'"{surface}"'
    for condition in (f'"{surface}"', f'W/"{surface}"', f'"other", "{surface}"', "*"):
        unchanged = client.get("/", headers={"If-None-Match": condition}, status=304)
        assert unchanged.body == b"" and "Content-Length" not in unchanged.headers
        assert unchanged.headers["ETag"] == f'"{surface}"'
        assert unchanged.headers["X-Apiframe-Surface"] == surface
        assert unchanged.headers["OpenStack-API-Version"] == "compute 2.1"
    assert client.get("/", headers={"If-None-Match": '"other"'}).json == resp.json
    assert "ETag" not in client.get("http://localhost/").headers


@pytest.mark.parametrize(("header", "status", "reported"), [
    ("compute 2.47", 200, "2.47"),
    ("compute latest", 200, "2.100"),
    ("compute 2.0", 406, "2.0"),
    ("compute 3.1", 406, "3.1"),
    ("compute 2.01", 400, None),
    ("compute LATEST", 400, None),
])
def test_microversion_header(tenant, header, status, reported):
    client = tenant.client("member", None)
    resp = client.get("/flavors", headers={"OpenStack-API-Version": header}, status=status)
    assert resp.headers.get("OpenStack-API-Version") == (f"compute {reported}" if reported else None)
    if status == 406:
        assert_fault(resp, 406, "computeFault",
                     f"Version {reported} is not supported by the API. Minimum is 2.1 and maximum is 2.100.")
    elif status == 400:
        assert_fault(resp, 400, "badRequest")
    else:
        assert set(resp.headers.getall("Vary")) >= {"OpenStack-API-Version", "X-OpenStack-Nova-API-Version"}


def test_legacy_header_and_request_ids(tenant):
    resp = tenant.client("member", None).get("/flavors", headers={"X-OpenStack-Nova-API-Version": "2.61"})
    assert resp.headers["X-OpenStack-Nova-API-Version"] == "2.61"
    assert re.fullmatch(r"req-[0-9a-f-]{36}", resp.headers["x-openstack-request-id"])
    assert resp.headers["x-compute-request-id"] == resp.headers["x-openstack-request-id"]


LONG_NUMBER = "9" * 5000
"""More digits than int() converts from text (4,300)."""


@pytest.mark.parametrize("path", ["/", "/flavors", "/servers"])
@pytest.mark.parametrize("version", ["2." + LONG_NUMBER, LONG_NUMBER + ".1", "2." + "9" * 4000])
@pytest.mark.parametrize("header", ["OpenStack-API-Version", "X-OpenStack-Nova-API-Version"])
def test_microversions_of_any_length_are_406(tenant, path, version, header):
    value = f"compute {version}" if header == "OpenStack-API-Version" else version
    resp = tenant.client("member", None).get(path, headers={header: value}, status=406)
    assert_fault(resp, 406, "computeFault", f"Version {version[:32]}... is not supported by the API. "
                                            "Minimum is 2.1 and maximum is 2.100.")
    # Too long to echo: a proxy could refuse a response header of thousands of characters.
    assert "OpenStack-API-Version" not in resp.headers
