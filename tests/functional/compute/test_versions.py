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
    surface = client.get("/").json["version"]["x-apiframe-surface"]
    assert re.fullmatch(r"[0-9a-f]{16}", surface)
    SAMPLES.verify("versions-get-resp", resp, version="2.1", endpoints=client.sample_endpoints)
    assert "OpenStack-API-Version" not in resp.headers
    resp = client.get("/")
    SAMPLES.verify("v21-version-get-resp", resp, {"surface": surface}, endpoints=client.sample_endpoints)
    assert resp.json["version"]["version"] == "2.100"
    assert resp.headers["OpenStack-API-Version"] == "compute 2.1"


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
