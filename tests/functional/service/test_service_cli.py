"""``apiframe-api routes|check`` and ``apiframe-manage db`` as installed console scripts."""

import re

import pytest

from apiframe.compute.db.migration import head_revision


@pytest.fixture
def conf(write_conf):
    return write_conf(["widgets", "gadgets", "naps"])


def row(*cells):
    return re.compile(r"^" + r"\s+".join(re.escape(cell) for cell in cells) + r"$", re.M)


def test_routes_table(cli, conf):
    result = cli("apiframe-api", "routes", "--config-file", conf)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert row("METHOD", "PATH", "OPERATION", "POLICY", "VERSIONS", "PLUGIN").match(lines[0])
    assert row("GET", "/v2.1/naps/{id}", "naps:show", "service-tests:naps:show", "2.1-2.100", "naps").search(
        result.stdout)
    assert row("GET", "/v2.1/gadgets", "gadgets:index", "sample:gadgets:list", "2.3-2.100", "gadgets").search(
        result.stdout)
    assert row("POST", "/v2.1/widgets/{id}/action", "widgets:_rename [rename]", "sample:widgets:rename",
               "2.1-2.100", "widgets").search(result.stdout)
    # Columns are aligned: every PATH cell starts where the header's does.
    column = lines[0].index("PATH")
    assert all(line[column - 2:column] == "  " and line[column] == "/" for line in lines[1:])


def test_routes_at_a_microversion(cli, conf):
    before = cli("apiframe-api", "routes", "--config-file", conf, "--microversion", "2.2").stdout
    after = cli("apiframe-api", "routes", "--config-file", conf, "--microversion", "2.3").stdout
    assert "/v2.1/gadgets " not in before and "/v2.1/naps/{id}" in before
    assert "/v2.1/gadgets " in after


@pytest.mark.parametrize("version", ["2.01", "3.1", "2.101"])
def test_routes_rejects_a_bad_microversion(cli, conf, version):
    result = cli("apiframe-api", "routes", "--config-file", conf, "--microversion", version)
    assert result.returncode == 1
    assert result.stderr.startswith(f"apiframe-api: error: --microversion {version}")


def test_check_summarises_a_good_setup(cli, conf):
    result = cli("apiframe-api", "check", "--config-file", conf)
    assert result.returncode == 0, result.stdout
    assert "plugins: gadgets (v1), naps (v1), widgets (v1)" in result.stdout
    assert "not created yet" in result.stdout
    assert result.stdout.rstrip().endswith("OK")


def test_check_reports_a_broken_plugin_and_a_bad_rule_together(cli, write_conf, tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_text('"sample:widgets:list": "role:admin or or"\n"sample:widgets:show": "role:reader"\n')
    conf = write_conf(["widgets", "broken"], f"[api]\npolicy_file = {policy}\n")
    result = cli("apiframe-api", "check", "--config-file", conf)
    assert result.returncode == 1
    assert re.search(r"error: plugin 'broken' \(apiframe_service_plugins\.broken:Broken\) failed to load: "
                     r"ModuleNotFoundError: No module named 'apiframe_service_tests_missing_dependency'",
                     result.stdout), result.stdout
    assert f"error: policy file {policy}: rule 'sample:widgets:list': cannot parse 'role:admin or or'" \
        in result.stdout
    assert "sample:widgets:show" not in result.stdout
    assert "2 problem(s) found" in result.stdout


def test_check_reports_a_policy_file_that_is_not_yaml(cli, write_conf, tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_text('"sample:widgets:list": [role:admin\n')
    conf = write_conf(["widgets"], f"[api]\npolicy_file = {policy}\n")
    result = cli("apiframe-api", "check", "--config-file", conf)
    assert result.returncode == 1
    assert f"error: policy file {policy}: cannot load it" in result.stdout


def test_check_reports_invalid_option_values(cli, write_conf):
    conf = write_conf(["widgets"], "[server]\nport = eighty\n[quota]\ninstances = many\n")
    result = cli("apiframe-api", "check", "--config-file", conf)
    assert result.returncode == 1
    assert "error: [server] port:" in result.stdout and "error: [quota] instances:" in result.stdout


def test_check_reports_a_missing_configuration_file(cli, tmp_path):
    result = cli("apiframe-api", "check", "--config-file", str(tmp_path / "nowhere.conf"))
    assert result.returncode == 1
    assert result.stderr == f"apiframe-api: error: configuration file not found: {tmp_path / 'nowhere.conf'}\n"


def test_an_unreachable_database_is_reported_with_its_password_masked(cli, write_conf):
    conf = write_conf(["widgets"], "[database]\nconnection = postgresql+psycopg2://apiframe:s3cret@127.0.0.1:1/apiframe\n")
    checked = cli("apiframe-api", "check", "--config-file", conf)
    assert checked.returncode == 1
    assert "error: database postgresql+psycopg2://apiframe:***@127.0.0.1:1/apiframe: cannot connect (" \
        in checked.stdout
    synced = cli("apiframe-manage", "db", "sync", "--config-file", conf)
    assert synced.returncode == 1
    assert synced.stderr.startswith("apiframe-manage: error: database postgresql+psycopg2://apiframe:***@")
    assert "s3cret" not in checked.stdout + synced.stdout + synced.stderr


def test_manage_db_sync_and_version(cli, write_conf, tmp_path):
    conf = write_conf(["widgets"])
    assert cli("apiframe-manage", "db", "version", "--config-file", conf).stdout == "None\n"
    assert not (tmp_path / "data").exists()
    synced = cli("apiframe-manage", "db", "sync", "--config-file", conf)
    assert synced.returncode == 0, synced.stderr
    assert synced.stdout == (f"database sqlite:///{tmp_path}/data/apiframe.sqlite is at schema revision "
                             f"{head_revision()}\n")
    assert cli("apiframe-manage", "db", "version", "--config-file", conf).stdout == f"{head_revision()}\n"
    assert cli("apiframe-manage", "db", "sync", "--config-file", conf).returncode == 0  # idempotent
