"""What operators see when start-up fails: one line naming the plugin, a traceback only with --debug."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pip_install import pip_install
from service_process import Service

ROOT = Path(__file__).parents[3]
NOTES = ROOT / "examples" / "notes"
PHASES = {
    "fail-init": ("InInit", "creating the plugin failed: RuntimeError: cannot reach the inventory service"),
    "fail-resources": ("InResources", "get_resources() failed: KeyError: 'inventory'"),
    "fail-policies": ("InPolicies", "get_policies() failed: ValueError: no rules today"),
    "fail-extensions": ("InExtensions", "get_controller_extensions() failed: LookupError: no extensions today"),
    "fail-fragments": ("InFragments", "get_schema_fragments() failed: TypeError: no fragments today"),
    "fail-assembly": ("InAssembly", "assembly failed: AttributeError: 'NoneType' object has no attribute "
                                    "'collection'"),
}


def failure(entry_point):
    target, cause = PHASES[entry_point]
    return f"plugin '{entry_point}' (apiframe_service_plugins.failing:{target}): {cause}"


@pytest.mark.parametrize("entry_point", sorted(PHASES))
def test_a_plugin_failing_in_any_phase_is_one_line(cli, write_conf, entry_point):
    result = cli("apiframe-api", "routes", "--config-file", write_conf(["widgets", entry_point]))
    assert result.returncode == 1
    assert result.stderr == f"apiframe-api: error: {failure(entry_point)}\n"
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["serve", "routes", "openapi", "version-history"])
def test_every_command_reports_a_plugin_failure_in_one_line(cli, write_conf, command):
    result = cli("apiframe-api", command, "--config-file", write_conf(["widgets", "fail-init"]))
    assert result.returncode == 1
    assert result.stderr == f"apiframe-api: error: {failure('fail-init')}\n"
    assert "listening on" not in result.stdout


def test_check_lists_a_plugin_failure_in_one_line(cli, write_conf):
    result = cli("apiframe-api", "check", "--config-file", write_conf(["widgets", "fail-policies"]))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"error: {failure('fail-policies')}", "1 problem(s) found"]
    assert result.stderr == ""


@pytest.mark.parametrize("command", ["serve", "check", "routes"])
def test_debug_adds_the_traceback(cli, write_conf, command):
    result = cli("apiframe-api", command, "--debug", "--config-file", write_conf(["widgets", "fail-resources"]))
    assert result.returncode == 1
    assert "Traceback (most recent call last):" in result.stderr
    assert 'raise KeyError("inventory")' in result.stderr
    last = (result.stdout if command == "check" else result.stderr).splitlines()
    assert failure("fail-resources") in last[-2 if command == "check" else -1]


def test_a_plugin_that_cannot_be_imported_is_one_line(cli, write_conf):
    result = cli("apiframe-api", "--config-file", write_conf(["widgets", "broken"]))
    assert result.returncode == 1
    assert result.stderr == ("apiframe-api: error: plugin 'broken' (apiframe_service_plugins.broken:Broken) failed "
                             "to load: ModuleNotFoundError: No module named "
                             "'apiframe_service_tests_missing_dependency'\n")


def test_manage_takes_debug(cli, tmp_path):
    missing = tmp_path / "nowhere.conf"
    quiet = cli("apiframe-manage", "db", "sync", "--config-file", str(missing))
    assert quiet.stderr == f"apiframe-manage: error: configuration file not found: {missing}\n"
    loud = cli("apiframe-manage", "db", "sync", "--debug", "--config-file", str(missing))
    assert "Traceback (most recent call last):" in loud.stderr
    assert loud.stderr.endswith(quiet.stderr)


def test_a_paste_pipeline_under_gunicorn_refuses_to_start_in_one_line(service_env, write_conf, tmp_path,
                                                                     console_script):
    write_conf(["widgets", "fail-extensions"])
    shutil.copy(ROOT / "etc" / "api-paste.ini", tmp_path / "api-paste.ini")
    result = subprocess.run([console_script("gunicorn"), "--bind", "127.0.0.1:0", "--paste", "api-paste.ini"],
                            env=service_env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 4, result.stderr  # gunicorn: "App failed to load", no worker restarts
    lines = [line for line in result.stderr.splitlines() if "apiframe" in line]
    assert lines == [f"apiframe cannot start: {failure('fail-extensions')}"]
    assert "Traceback" not in result.stderr


def test_the_wsgi_module_under_gunicorn_refuses_to_start_in_one_line(service_env, write_conf, tmp_path,
                                                                    console_script):
    env = {**service_env, "APIFRAME_CONFIG_FILE": write_conf(["widgets", "fail-resources"])}
    result = subprocess.run([console_script("gunicorn"), "--bind", "127.0.0.1:0", "apiframe.deploy.wsgi:application"],
                            env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 4, result.stderr
    [line] = [line for line in result.stderr.splitlines() if "apiframe" in line]
    assert line.endswith(f"ERROR apiframe.deploy apiframe cannot start: {failure('fail-resources')}")
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="session")
def notes_site(tmp_path_factory):
    """The example notes plugin, installed with pip into a private directory."""
    return pip_install(NOTES, tmp_path_factory.mktemp("notes-site"))


@pytest.fixture
def beside_compute(notes_site, tmp_path):
    """Environment and configuration serving every installed plugin: the compute API's and notes."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("APIFRAME_")}
    env["PYTHONPATH"] = str(notes_site)
    conf = tmp_path / "apiframe.conf"
    conf.write_text(f"[database]\ndata_dir = {tmp_path / 'data'}\n")
    return env, str(conf)


def test_notes_beside_the_compute_api_checks(beside_compute, tmp_path, console_script):
    env, conf = beside_compute
    result = subprocess.run([console_script("apiframe-api"), "check", "--config-file", conf], env=env,
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^plugins: .*flavors \(v1\).*notes \(v1\)", result.stdout, re.M), result.stdout
    assert not (tmp_path / "data").exists()  # checking opens no database


def test_notes_beside_the_compute_api_serves(beside_compute, tmp_path):
    env, conf = beside_compute
    service = Service(["--config-file", conf, "--port", "0"], env, tmp_path)
    try:
        service.wait_ready()
        assert service.request("GET", "/v2.1/notes").json == {"notes": []}
        created = service.request("POST", "/v2.1/notes", {"note": {"title": "t"}})
        assert created.status == 201, created.body
        assert service.request("GET", "/v2.1/flavors").status == 200
    finally:
        service.kill()
