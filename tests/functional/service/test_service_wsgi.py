"""The WSGI module under gunicorn's own command line, and the paste.deploy pipeline."""

import json
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import webtest
from paste.deploy import loadapp

from apiframe.deploy import paste, wsgi

PASTE_INI = Path(__file__).parents[3] / "etc" / "api-paste.ini"
LISTENING = re.compile(r"Listening at: (http://\S+)")


def test_wsgi_module_under_gunicorn(tmp_path, service_env, write_conf, console_script):
    env = {**service_env, "APIFRAME_CONFIG_FILE": write_conf(["widgets"])}
    log = tmp_path / "gunicorn.log"
    with open(log, "w") as output:
        process = subprocess.Popen([console_script("gunicorn"), "--bind", "127.0.0.1:0", "--workers", "2",
                                    "apiframe.deploy.wsgi:application"],
                                   env=env, cwd=tmp_path, stdout=output, stderr=output)
    try:
        deadline = time.monotonic() + 30
        while not (match := LISTENING.search(log.read_text())) and time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()
            time.sleep(0.05)
        assert match, log.read_text()
        request = urllib.request.Request(match.group(1) + "/v2.1/widgets", headers={"X-Auth-Token": "alice:p1"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert json.load(response) == {"widgets": []}
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
    assert re.search(r"apiframe\.access req-\S+ GET /v2\.1/widgets status=200", log.read_text())


def test_wsgi_module_builds_nothing_until_asked(monkeypatch, write_conf):
    monkeypatch.setenv("APIFRAME_CONFIG_FILE", write_conf(["widgets"]))
    wsgi.get_application.cache_clear()
    assert wsgi.get_application.cache_info().currsize == 0
    try:
        app = webtest.TestApp(wsgi.application)
        assert wsgi.application is app.app
        assert app.get("/v2.1/widgets", headers={"X-Auth-Token": "a:b"}).json == {"widgets": []}
    finally:
        wsgi.get_application.cache_clear()
    with pytest.raises(AttributeError):
        wsgi.nothing  # noqa: B018


@pytest.fixture
def paste_dir(tmp_path, write_conf, sample_plugins):
    write_conf(["widgets"], "[middleware]\nmax_request_body_size = 64\n")
    shutil.copy(PASTE_INI, tmp_path / "api-paste.ini")
    paste._conf_from.cache_clear()
    yield tmp_path
    paste._conf_from.cache_clear()


def test_paste_pipeline(paste_dir):
    app = webtest.TestApp(loadapp(f"config:{paste_dir / 'api-paste.ini'}"))
    listed = app.get("/v2.1/widgets", headers={"X-Auth-Token": "a:b"})
    assert listed.json == {"widgets": []}
    assert listed.headers["x-openstack-request-id"].startswith("req-")
    assert app.get("/healthcheck").text == "OK"
    assert app.get("/v2.1/widgets", status=401).json["unauthorized"]["code"] == 401
    too_big = app.post_json("/v2.1/widgets", {"widget": {"name": "x" * 100}}, headers={"X-Auth-Token": "a:b"},
                            status=413)
    assert too_big.json["overLimit"]["code"] == 413


def test_paste_pipeline_behind_a_tls_proxy(paste_dir):
    ini = paste_dir / "api-paste.ini"
    text = ini.read_text()
    ini.write_text(text.replace("pipeline = request_id", "pipeline = http_proxy_to_wsgi request_id", 1))
    app = webtest.TestApp(loadapp(f"config:{ini}"))
    versions = app.get("/", headers={"X-Forwarded-Proto": "https", "Host": "api.example.com"})
    assert versions.json["versions"][0]["links"][0]["href"] == "https://api.example.com/v2.1/"
