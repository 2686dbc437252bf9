"""``apiframe-api serve`` as a real process: start-up output, requests, logs, shutdown."""

import re
import signal
import threading
import time

NAP = "/v2.1/naps/2"


def test_serves_requests_and_reports_how_to_call_it(start_service, write_conf, cli, tmp_path):
    service = start_service("--config-file", write_conf(["widgets", "gadgets"]))
    banner = service.stdout
    assert re.search(r"listening on http://127\.0\.0\.1:\d+ \(1 worker, 4 threads each\)", banner)
    assert "plugins: gadgets (v1), widgets (v1)" in banner
    assert f"database: sqlite:///{tmp_path}/data/apiframe.sqlite" in banner
    assert f"curl -H 'X-Auth-Token: admin:admin' -H 'OpenStack-API-Version: compute 2.100' {service.url}/v2.1/gadgets" \
        in banner

    assert service.request("GET", "/", headers={"X-Auth-Token": ""}).json["versions"][0]["id"] == "v2.1"
    created = service.request("POST", "/v2.1/widgets", {"widget": {"name": "w1"}},
                              headers={"OpenStack-API-Version": "compute 2.3"})
    assert created.status == 201, created.body
    missing = service.request("GET", "/v2.1/nowhere")
    assert missing.status == 404 and "itemNotFound" in missing.json

    # The database was created and migrated on first start.
    assert (tmp_path / "data" / "apiframe.sqlite").exists()
    version = cli("apiframe-manage", "db", "version", "--config-file", str(tmp_path / "apiframe.conf"))
    assert version.returncode == 0 and version.stdout.strip() not in ("", "None"), version

    service.signal(signal.SIGTERM)
    assert service.wait() == 0
    log = service.stderr
    request_id = created.headers["x-openstack-request-id"]
    assert re.search(rf"apiframe\.access {request_id} POST /v2\.1/widgets status=201 microversion=2\.3 "
                     rf"time=\d+\.\d+s", log), log
    assert re.search(r"apiframe\.access req-\S+ GET /v2\.1/nowhere status=404 microversion=- ", log), log


def test_sigterm_lets_a_request_in_flight_finish(start_service, write_conf):
    service = start_service("--config-file", write_conf(["naps"]))
    result = run_in_background(service, NAP)
    time.sleep(0.7)  # the request has reached the worker and is sleeping
    started = time.monotonic()
    service.signal(signal.SIGTERM)
    assert service.wait() == 0
    assert time.monotonic() - started > 1.0, "the server did not wait for the request"
    thread, response = result
    thread.join(10)
    assert response and response[0].status == 200, response
    assert response[0].json == {"nap": {"seconds": 2.0}}


def test_ctrl_c_is_graceful_too(start_service, write_conf):
    service = start_service("--config-file", write_conf(["naps"]), "--workers", "2")
    thread, response = run_in_background(service, NAP)
    time.sleep(0.7)
    service.interrupt()
    assert service.wait() == 0, service.stderr
    thread.join(10)
    assert response and response[0].status == 200, response


def test_noauth_refuses_a_public_address(start_service, write_conf):
    service = start_service("--config-file", write_conf(["widgets"]), "--host", "0.0.0.0", "--port", "0",
                            wait=False)
    assert service.wait() == 1
    assert "only listens on a loopback address" in service.stderr
    assert "listening on" not in service.stdout


def test_noauth_on_a_public_address_when_forced(start_service, write_conf):
    conf = write_conf(["widgets"], "[auth]\nallow_noauth_on_public_bind = true\n")
    service = start_service("--config-file", conf, "--host", "0.0.0.0")
    assert re.search(r"listening on http://0\.0\.0\.0:\d+", service.stdout)
    service.url = service.url.replace("0.0.0.0", "127.0.0.1")
    assert service.request("GET", "/v2.1/widgets").status == 200


def test_a_plugin_that_cannot_load_stops_start_up(start_service, write_conf):
    service = start_service("--config-file", write_conf(["widgets", "broken"]), wait=False)
    assert service.wait() == 1
    assert "plugin 'broken'" in service.stderr and "failed to load" in service.stderr


def run_in_background(service, path):
    """Start a request in a thread; returns the thread and a list that will hold the response."""
    response = []
    thread = threading.Thread(target=lambda: response.append(service.request("GET", path)), daemon=True)
    thread.start()
    return thread, response
