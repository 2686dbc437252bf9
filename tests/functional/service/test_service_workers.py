"""Several worker processes on one SQLite database: concurrent writes all land."""

import re
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata

import pytest

from apiframe.extensions import NAMESPACE

PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFJ16IA0631fq6ldwzuJzUxOgIr7iPD2TN7t0TWbSa9v test"
ACCESS = re.compile(r" (\d+) INFO apiframe\.access \S+ (\w+) /v2\.1/os-keypairs")


def keypairs_installed():
    return any(ep.name == "keypairs" for ep in metadata.entry_points(group=NAMESPACE))


def worker_pids(log, method):
    return {pid for pid, logged_method in ACCESS.findall(log) if logged_method == method}


@pytest.mark.skipif(not keypairs_installed(), reason="the compute API's keypairs plugin is not registered")
def test_two_workers_lose_no_concurrent_write(start_service, write_conf):
    service = start_service("--config-file", write_conf(["flavors", "servers", "keypairs"]), "--workers", "2")
    with ThreadPoolExecutor(8) as pool:
        deadline = time.monotonic() + 30
        while len(worker_pids(service.stderr, "GET")) < 2 and time.monotonic() < deadline:
            list(pool.map(lambda _: service.request("GET", "/v2.1/os-keypairs"), range(8)))
        assert len(worker_pids(service.stderr, "GET")) == 2, "the second worker never answered"

        names = [f"key-{n}" for n in range(40)]
        responses = list(pool.map(lambda name: service.request(
            "POST", "/v2.1/os-keypairs", {"keypair": {"name": name, "public_key": PUBLIC_KEY}}), names))
    assert [r.status for r in responses] == [200] * len(names), [r.body for r in responses if r.status != 200]
    listed = service.request("GET", "/v2.1/os-keypairs").json["keypairs"]
    assert sorted(k["keypair"]["name"] for k in listed) == sorted(names)
    assert len(worker_pids(service.stderr, "POST")) == 2
