"""``apiframe-api serve`` serving another service than compute: the widgets API, which keeps no data."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import webtest
from paste.deploy import loadapp

from apiframe.deploy import paste, wsgi

WIDGETS = "[api]\nname = widgets\n"
PASTE_INI = Path(__file__).parents[3] / "etc" / "api-paste.ini"

# What ``apiframe-api serve`` does up to serving, then what a gunicorn worker does after the
# fork (build the application), then which modules of the given prefixes were imported.
START_UP = """
import sys
from apiframe.cmd import api
from apiframe.deploy.server import APIServer

APIServer.run = lambda server: server.load()
status = api.main(["serve", "--config-file", sys.argv[1]])
prefixes = ("apiframe.compute", "apiframe.schemas", "sqlalchemy", "alembic")
print(status, sorted({name.split(".")[0] for name in sys.modules if name.startswith(prefixes)}))
"""


def test_serves_the_widgets_api(start_service, write_conf, tmp_path):
    service = start_service("--config-file", write_conf(["widgets"], WIDGETS))
    banner = service.stdout
    assert "API: widgets (widgets) under /v1" in banner
    assert "plugins: widgets (v1)" in banner and "microversions: 1.0 to 1.3" in banner
    assert "database: none (the API and its plugins keep no data)" in banner
    assert f"-H 'OpenStack-API-Version: widgets 1.3' {service.url}/v1/widgets" in banner

    assert service.request("GET", "/").json["versions"][0]["id"] == "v1"
    assert service.request("GET", "/v1/").json["version"]["version"] == "1.3"
    listed = service.request("GET", "/v1/widgets", headers={"OpenStack-API-Version": "widgets 1.2"})
    assert listed.status == 200 and listed.headers["OpenStack-API-Version"] == "widgets 1.2"
    missing = service.request("GET", "/v1/nowhere")
    assert missing.status == 404 and missing.json["errors"][0]["code"] == "widgets.undefined_code"
    assert "/v1/widgets" in service.request("GET", "/v1/openapi.json").json["paths"]
    assert not (tmp_path / "data").exists()


def test_check_and_db_commands_have_no_database_to_look_at(cli, write_conf, tmp_path):
    conf = write_conf(["widgets"], WIDGETS)
    checked = cli("apiframe-api", "check", "--config-file", conf)
    assert checked.returncode == 0, checked.stdout
    assert "database: none (the API and its plugins keep no data)" in checked.stdout
    assert cli("apiframe-manage", "db", "sync", "--config-file", conf).stdout \
        == "database: none (the API and its plugins keep no data)\n"
    assert not (tmp_path / "data").exists()


def test_a_plugin_keeping_data_gets_its_tables_from_db_sync(start_service, cli, write_conf, tmp_path):
    conf = write_conf(["widgets", "ledger"], WIDGETS)
    database = f"sqlite:///{tmp_path}/data/apiframe.sqlite"
    assert "not created yet" in cli("apiframe-api", "check", "--config-file", conf).stdout
    assert cli("apiframe-manage", "db", "version", "--config-file", conf).stdout == "None\n"
    synced = cli("apiframe-manage", "db", "sync", "--config-file", conf)
    assert synced.stdout == f"database {database} is at schema revision 1\n", synced.stderr
    assert f"database: {database} (schema revision 1, the newest)" in \
        cli("apiframe-api", "check", "--config-file", conf).stdout
    service = start_service("--config-file", conf)
    assert f"database: {database}" in service.stdout
    assert service.request("GET", "/v1/ledger").json == {"ledger": {"entries": 0}}


@pytest.mark.parametrize(("api", "imported"), [
    ("widgets", []),
    ("compute", ["alembic", "apiframe", "sqlalchemy"]),  # the compute API keeps data: the control
])
def test_start_up_imports_only_what_the_api_uses(service_env, write_conf, tmp_path, api, imported):
    conf = write_conf(["widgets"], f"[api]\nname = {api}\n")
    result = subprocess.run([sys.executable, "-c", START_UP, conf], env=service_env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"0 {imported}"


def test_wsgi_module_and_paste_pipeline_serve_the_configured_api(monkeypatch, widgets_api, write_conf, tmp_path):
    monkeypatch.setenv("APIFRAME_CONFIG_FILE", write_conf(["widgets"], WIDGETS))
    shutil.copy(PASTE_INI, tmp_path / "api-paste.ini")
    wsgi.get_application.cache_clear()
    paste._conf_from.cache_clear()
    try:
        apps = [webtest.TestApp(wsgi.application), webtest.TestApp(loadapp(f"config:{tmp_path / 'api-paste.ini'}"))]
        for app in apps:
            assert app.get("/").json["versions"][0]["id"] == "v1"
            missing = app.get("/v1/nowhere", headers={"X-Auth-Token": "a:b"}, status=404)
            assert missing.json["errors"][0]["request_id"] == missing.headers["x-openstack-request-id"]
            assert "x-compute-request-id" not in missing.headers
    finally:
        wsgi.get_application.cache_clear()
        paste._conf_from.cache_clear()
