"""Scale-out: three ``apiframe-api serve`` hosts on one PostgreSQL database behind HAProxy.

The hosts listen on distinct loopback addresses (127.0.0.2-4), each with a directory,
configuration and policy file of its own. HAProxy runs the configuration that
docs/deployment.md shows, with the hosts' addresses put in; these tests skip where
haproxy is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from service_hosts import POLICY_RELOAD_INTERVAL, policy_path
from service_process import request
from workload import IMAGE_ID, PUBLIC_KEY, Workload, assert_answered, check_writes, figures

from apiframe.compute.services import prepare_database

DEPLOYMENT_DOC = Path(__file__).parents[3] / "docs" / "deployment.md"
ADDRESSES = ("127.0.0.2", "127.0.0.3", "127.0.0.4")
WARM_UP = 6
RECOVERED = 9


def balancer_config(hosts: list[str], port: int) -> str:
    """The documented HAProxy configuration, listening on ``port`` of loopback, for ``hosts``
    (``http://address:port``), in the order of its ``server`` lines."""
    blocks = re.findall(r"```haproxy\n(.*?)```", DEPLOYMENT_DOC.read_text(), re.DOTALL)
    # The guide also shows a single host behind TLS; the scale-out configuration balances.
    block = next((text for text in blocks if "balance " in text), None)
    assert block, f"{DEPLOYMENT_DOC} shows no load-balancing haproxy configuration"
    config, binds = re.subn(r"(?m)^(\s+bind )\S+$", rf"\g<1>127.0.0.1:{port}", block)
    servers = iter(hosts)
    config, count = re.subn(r"(?m)^(\s+server \S+ )\S+", lambda m: m.group(1) + next(servers).split("//")[1], config)
    assert (binds, count) == (1, len(hosts)), "the documented configuration does not have one bind and a server a host"
    return config


def free_port() -> int:
    """A TCP port of loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def hosts(start_host, database):
    """Three hosts with one worker each, started together once the database is migrated
    (as an operator runs ``apiframe-manage db sync`` once before starting every host)."""
    prepare_database(database.url)
    started = [start_host(address, workers=1) for address in ADDRESSES]
    return [host.wait_ready() for host in started]


@pytest.fixture(scope="module")
def balancer(hosts, tmp_path_factory):
    """HAProxy in front of the hosts; its URL once it forwards requests."""
    haproxy = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")
    if haproxy is None:
        pytest.skip("haproxy is not installed (apt-get install haproxy)")
    directory = tmp_path_factory.mktemp("haproxy")
    port = free_port()
    (directory / "haproxy.cfg").write_text(balancer_config([host.url for host in hosts], port))
    with open(directory / "haproxy.log", "w") as log:
        process = subprocess.Popen([haproxy, "-db", "-f", str(directory / "haproxy.cfg")], stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while True:
            assert process.poll() is None, (directory / "haproxy.log").read_text()
            try:
                if request(url, "GET", "/v2.1/", timeout=2).status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, (directory / "haproxy.log").read_text()
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def served(host) -> int:
    """How many requests of the API a host has logged."""
    return host.stderr.count("INFO apiframe.access ")


def test_writes_through_any_host_are_read_back_through_every_other(hosts, balancer):
    token = {"X-Auth-Token": "reader:shared-project"}
    for index, writer in enumerate(hosts):
        name = f"written-on-{index}"
        key = writer.request("POST", "/v2.1/os-keypairs", {"keypair": {"name": name, "public_key": PUBLIC_KEY}},
                             token)
        assert key.status == 200, key.body
        created = writer.request("POST", "/v2.1/servers", {"server": {"name": name, "flavorRef": "1",
                                                                     "imageRef": IMAGE_ID}}, token)
        assert created.status == 202, created.body
        server_id = created.json["server"]["id"]
        for reader in [host.url for host in hosts if host is not writer] + [balancer]:
            assert request(reader, "GET", f"/v2.1/os-keypairs/{name}", headers=token).status == 200, reader
            shown = request(reader, "GET", f"/v2.1/servers/{server_id}", headers=token)
            assert (shown.status, shown.json["server"]["name"]) == (200, name), reader


def test_a_policy_change_on_every_host_takes_effect_on_every_host(hosts, balancer):
    token = {"X-Auth-Token": "reader:policy-project"}
    for host in hosts:
        assert host.request("GET", "/v2.1/os-keypairs", headers=token).status == 200
    changed_at = time.monotonic()
    for host in hosts:
        policy_path(host.workdir).write_text('"os_compute_api:os-keypairs:index": "!"\n')
    delays = {}
    while len(delays) < len(hosts) and time.monotonic() - changed_at < POLICY_RELOAD_INTERVAL + 5:
        for host in hosts:
            if host.url not in delays and host.request("GET", "/v2.1/os-keypairs", headers=token).status == 403:
                delays[host.url] = round(time.monotonic() - changed_at, 3)
        time.sleep(0.05)
    print(f"\n[resilience] policy change in force after (s): {delays}, reload interval {POLICY_RELOAD_INTERVAL}s")
    assert len(delays) == len(hosts), f"the change took effect only on {sorted(delays)}"
    assert max(delays.values()) <= POLICY_RELOAD_INTERVAL + 1.5
    assert request(balancer, "GET", "/v2.1/os-keypairs", headers=token).status == 403


def test_a_host_stopped_mid_load_is_drained(hosts, balancer, database):
    stopped = hosts[1]
    with Workload(balancer, "drain", seconds=30) as load:
        load.wait_for(lambda outcomes: sum(o.acknowledged for o in outcomes) >= WARM_UP)
        before = served(stopped)
        stopped.signal(signal.SIGTERM)
        stopped_at = time.monotonic()
        load.wait_for(lambda _: stopped.process.poll() is not None, timeout=30)
        exited_at = time.monotonic()
        load.wait_for(lambda outcomes: sum(o.acknowledged and o.started >= exited_at for o in outcomes) >= RECOVERED)
    assert stopped.wait() == 0, stopped.stderr
    outcomes = load.snapshot()

    # HAProxy answers 502 for a connection the stopping host reset without reading it:
    # the request was not carried out (check_writes fails if its write is there).
    unread = [o for o in outcomes if o.status == 502]
    print(f"\n[resilience] host stopped behind haproxy: {figures(outcomes, stopped_at)}, "
          f"stop_s={round(exited_at - stopped_at, 3)}, requests served by each host {[served(h) for h in hosts]}, "
          f"by the stopping host {served(stopped) - before}, {check_writes(load, database)}")
    assert_answered([o for o in outcomes if o not in unread])
    assert all(o.started < exited_at for o in unread), unread
    assert len(unread) <= load.threads
    failed_later = [o for o in outcomes if o.started >= exited_at and not o.acknowledged]
    assert not failed_later, failed_later[:3]
    assert all(host.process.poll() is None for host in hosts if host is not stopped)
