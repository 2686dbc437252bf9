"""The core compute flows on PostgreSQL and MariaDB, each in a throw-away database.

The servers are found through ``APIFRAME_TEST_POSTGRESQL_URL`` and
``APIFRAME_TEST_MYSQL_URL`` (defaults: the local servers' ``test`` database); a server
that does not answer within two seconds skips its tests.
"""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa
from compute_testlib import IMAGE_ID, Tenant, start_compute_app

from apiframe.testing import assert_fault
from apiframe.testing.database import server_problem

SERVER_URLS = {
    "postgresql": os.environ.get("APIFRAME_TEST_POSTGRESQL_URL",
                                 "postgresql+psycopg2://postgres@127.0.0.1:5432/test"),
    "mysql": os.environ.get("APIFRAME_TEST_MYSQL_URL", "mysql+pymysql://root@127.0.0.1:3306/test"),
}


@pytest.fixture(scope="module", params=sorted(SERVER_URLS))
def server_app(request):
    """The compute API on a fresh database of each server in turn."""
    url = SERVER_URLS[request.param]
    problem = server_problem(url)
    if problem is not None:
        pytest.skip(f"{request.param} not reachable at {sa.make_url(url).render_as_string()}: {problem}")
    app = start_compute_app(database=url)
    yield app
    app.stop()


def test_core_flows(server_app):
    tenant = Tenant(server_app)
    client = tenant.client("member", "2.73")
    public_key = ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAJpM0iQ2k1y7Ow3r6N7rYw5T0bbQOd3cq8V0E0xlb0n "
                  "user@example")
    client.post("/os-keypairs", {"keypair": {"name": "key", "public_key": public_key}}, status=201)
    ids = []
    for name in ("b-server", "a-server", "ünïcode"):
        body = {"server": {"name": name, "flavorRef": "1", "imageRef": IMAGE_ID, "key_name": "key",
                           "networks": "none", "metadata": {"role": name}, "tags": ["t1"]}}
        ids.append(client.post("/servers", body, status=202).json["server"]["id"])
    detail = client.get("/servers/detail", params={"sort_key": "display_name", "sort_dir": "asc"}).json
    assert [s["name"] for s in detail["servers"]] == ["a-server", "b-server", "ünïcode"]
    assert {s["status"] for s in detail["servers"]} == {"ACTIVE"} and detail["servers"][0]["key_name"] == "key"
    page = client.get("/servers", params={"limit": 2}).json
    assert len(page["servers"]) == 2 and page["servers_links"][0]["rel"] == "next"
    assert len(client.get(page["servers_links"][0]["href"]).json["servers"]) == 1
    assert_fault(client.get("/servers", params={"marker": "00000000-0000-0000-0000-000000000000"}, status=400),
                 400, "badRequest")
    assert [s["name"] for s in client.get("/servers", params={"name": "^a-"}).json["servers"]] == ["a-server"]
    assert len(client.get("/servers", params={"tags": "t1"}).json["servers"]) == 3

    server_id = ids[0]
    client.action(f"/servers/{server_id}", "os-stop", status=202)
    client.action(f"/servers/{server_id}", "resize", {"flavorRef": "2"}, status=202)
    assert client.get(f"/servers/{server_id}").json["server"]["status"] == "VERIFY_RESIZE"
    client.action(f"/servers/{server_id}", "confirmResize", status=204)
    assert client.get(f"/servers/{server_id}").json["server"]["status"] == "SHUTOFF"
    client.post(f"/servers/{server_id}/metadata", {"metadata": {"extra": "1"}})
    assert client.get(f"/servers/{server_id}/metadata/extra").json == {"meta": {"extra": "1"}}
    client.action(f"/servers/{server_id}", "lock", status=202)
    assert [s["id"] for s in client.get("/servers", params={"locked": "true"}).json["servers"]] == [server_id]
    assert_fault(tenant.client("other-project").get(f"/servers/{server_id}", status=404), 404, "itemNotFound")

    absolute = client.get("/limits").json["limits"]["absolute"]
    assert (absolute["totalInstancesUsed"], absolute["totalRAMUsed"]) == (3, 2048 + 512 * 2)
    tenant.set_quota("instances", 3)
    body = {"server": {"name": "over", "flavorRef": "1", "imageRef": IMAGE_ID, "networks": "none"}}
    assert_fault(client.post("/servers", body, status=403), 403, "forbidden")
    assert tenant.count_rows("servers") == 3
    client.action(f"/servers/{server_id}", "unlock", status=202)
    client.delete(f"/servers/{server_id}", status=204)
    assert len(client.get("/servers").json["servers"]) == 2
    client.post("/servers", body, status=202)
