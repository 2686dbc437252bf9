"""The WSGI module in-process, and the paste.deploy pipeline."""

import shutil
from pathlib import Path

import pytest
import webtest
from paste.deploy import loadapp

from apiframe.deploy import paste, wsgi

PASTE_INI = Path(__file__).parents[3] / "etc" / "api-paste.ini"


def test_wsgi_module_builds_nothing_until_asked(monkeypatch, write_conf, sample_plugins):
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


def test_the_module_namespace_holds_a_lazy_wsgi_callable(monkeypatch, write_conf, sample_plugins):
    """What uWSGI takes (it reads the module's namespace, not the attribute) builds and serves."""
    monkeypatch.setenv("APIFRAME_CONFIG_FILE", write_conf(["widgets"]))
    wsgi.get_application.cache_clear()
    try:
        lazy = vars(wsgi)["application"]
        assert isinstance(lazy, wsgi.LazyApplication)
        assert wsgi.get_application.cache_info().currsize == 0
        app = webtest.TestApp(lazy)
        assert app.get("/v2.1/widgets", headers={"X-Auth-Token": "a:b"}).json == {"widgets": []}
        assert wsgi.get_application.cache_info().currsize == 1
    finally:
        wsgi.get_application.cache_clear()


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
