"""Numbers of any length in query strings and bodies: read, never a 500.

``int()`` refuses text of more than 4,300 digits, and a number that it does read may
still overflow a database column; both used to end in a 500.
"""

from __future__ import annotations

import pytest
from compute_testlib import DEFAULT_FLAVORS, IMAGE_ID

from apiframe.testing import assert_fault

LONG = "9" * 5000
"""More digits than int() converts from text."""
BIG = "9" * 25
"""Read by int() but beyond a 64-bit database integer."""


@pytest.mark.parametrize("number", [LONG, BIG])
@pytest.mark.parametrize("version", ["2.1", "latest"])
@pytest.mark.parametrize("path", ["/flavors", "/flavors/detail", "/servers", "/servers/detail"])
def test_a_huge_limit_is_the_largest_page(tenant, number, version, path):
    client = tenant.client("member", version)
    if path.startswith("/servers"):
        tenant.create_server("one")
    # Without a limit a page is as large as the API makes one.
    largest = client.get(path).json
    assert client.get(path, params={"limit": number}).json == largest
    assert len(next(iter(largest.values()))) >= (len(DEFAULT_FLAVORS) if path.startswith("/flavors") else 1)


@pytest.mark.parametrize("number", [LONG, BIG])
def test_a_huge_keypair_limit_is_the_largest_page(tenant, number):
    client = tenant.client("member", "2.35")
    client.post("/os-keypairs", {"keypair": {"name": "k"}}, status=201)
    assert len(client.get("/os-keypairs", params={"limit": number}).json["keypairs"]) == 1


@pytest.mark.parametrize("number", [LONG, BIG])
@pytest.mark.parametrize("name", ["minRam", "minDisk"])
def test_huge_flavor_minimums_match_no_flavor(tenant, number, name):
    for version in ("2.1", "latest"):
        assert tenant.client("member", version).get("/flavors", params={name: number}).json == {"flavors": []}


def test_flavor_sizes_with_thousands_of_leading_zeros_are_read(tenant):
    admin = tenant.client("admin")
    flavor = {"name": "zeros", "ram": "0" * 5000 + "512", "vcpus": "0" * 5000 + "2", "disk": "0" * 5000 + "1",
              "swap": "0" * 5000, "OS-FLV-EXT-DATA:ephemeral": "0" * 5000 + "3"}
    created = admin.post("/flavors", {"flavor": flavor}).json["flavor"]
    assert (created["ram"], created["vcpus"], created["disk"], created["OS-FLV-EXT-DATA:ephemeral"]) == (512, 2, 1, 3)
    admin.delete(f"/flavors/{created['id']}", status=202)


@pytest.mark.parametrize("field", ["min_count", "max_count"])
def test_a_server_count_of_thousands_of_digits_is_over_quota(tenant, field):
    body = {"server": {"name": "many", "flavorRef": "1", "imageRef": IMAGE_ID, "min_count": LONG, field: LONG}}
    message = assert_fault(tenant.client().post("/servers", body, status=403), 403, "forbidden")
    assert message.startswith("Quota exceeded for cores, instances, ram: Requested 1" + "0" * 100 + ",")
    assert tenant.count_rows("servers") == 0
