"""The pieces of the console scripts that need no server: parsing, tables, configuration lookup."""

import pytest

from apiframe import deploy
from apiframe.cmd import api, check, manage, routes, serve
from apiframe.conf import make_conf
from apiframe.deploy.server import bind_address


def test_subcommands_are_declared():
    parser = api.build_parser()
    for name, module in (("serve", serve), ("routes", routes), ("check", check)):
        assert parser.parse_args([name]).run is module.run
    assert parser.parse_args(["routes", "--config-file", "a", "--config-file", "b"]).config_files == ["a", "b"]
    assert manage.build_parser().parse_args(["db", "sync"]).run is manage.db_sync
    assert manage.build_parser().parse_args(["db", "version"]).run is manage.db_version


def test_serve_is_the_default_command(capsys):
    with pytest.raises(SystemExit) as exit_info:
        api.main(["--port", "eighty"])
    assert exit_info.value.code == 2
    assert "apiframe-api serve: error: argument --port: invalid int value: 'eighty'" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "command", "debug"), [
    (["check", "--debug"], "check", True),
    (["--debug", "check"], "check", True),
    (["check"], "check", False),
    (["--debug"], "serve", True),
    (["--debug", "--port", "0"], "serve", True),
    (["--port", "0", "--debug"], "serve", True),
])
def test_debug_goes_before_or_after_the_subcommand(argv, command, debug):
    args = api.build_parser().parse_args(api.with_default_command(argv))
    assert (args.command, args.debug) == (command, debug)
    manage_argv = ["db", "sync", "--debug"] if argv[-1] == "--debug" else ["--debug", "db", "sync"]
    assert manage.build_parser().parse_args(manage_argv).debug is True
    assert manage.build_parser().parse_args(["db", "sync"]).debug is False


def test_format_table_aligns_columns():
    table = routes.format_table(("A", "BB"), [("long", "x"), ("s", "yyy")])
    assert table.splitlines() == ["A     BB", "long  x", "s     yyy"]


@pytest.mark.parametrize(("host", "expected"), [
    ("127.0.0.1", "127.0.0.1:8774"), ("::1", "[::1]:8774"), ("[::1]", "[::1]:8774"), ("localhost", "localhost:8774"),
])
def test_bind_address(host, expected):
    assert bind_address(host, 8774) == expected


def test_config_files_order(monkeypatch, tmp_path):
    monkeypatch.setenv(deploy.CONFIG_FILE_ENV, "/from/env.conf")
    assert deploy.config_files(["a.conf"]) == ["a.conf"]
    assert deploy.config_files() == ["/from/env.conf"]
    monkeypatch.delenv(deploy.CONFIG_FILE_ENV)
    default = tmp_path / "apiframe.conf"
    monkeypatch.setattr(deploy, "DEFAULT_CONFIG_FILE", str(default))
    assert deploy.config_files() == []
    default.write_text("[server]\nport = 9000\n")
    assert deploy.config_files() == [str(default)]
    assert deploy.load_conf().server.port == 9000


def test_load_conf_names_a_missing_file(tmp_path):
    with pytest.raises(deploy.StartupError, match="configuration file not found: .*nowhere.conf"):
        deploy.load_conf([str(tmp_path / "nowhere.conf")])


def test_database_url_and_existence(tmp_path):
    conf = make_conf()
    conf.set_override("data_dir", str(tmp_path), group="database")
    url = deploy.database_url(conf)
    assert url == f"sqlite:///{tmp_path}/apiframe.sqlite"
    assert not deploy.database_exists(url)
    (tmp_path / "apiframe.sqlite").touch()
    assert deploy.database_exists(url)
    conf.set_override("connection", "postgresql://apiframe:s3cret@db/apiframe", group="database")
    assert deploy.masked_url(deploy.database_url(conf)) == "postgresql+psycopg2://apiframe:***@db/apiframe"


def test_policy_file_problems(tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_text('"a": "role:admin and ("\n"b": "rule:a or role:x"\n"c": "nonsense"\n"d": "!"\n"e": 3\n')
    problems = check.policy_file_problems(str(policy))
    assert [p.split(": ")[1] for p in problems] == ["rule 'a'", "rule 'c'", "rule 'e'"]
    assert check.policy_file_problems(str(tmp_path / "absent.yaml")) == []


def test_option_problems_cover_published_options(tmp_path):
    config = tmp_path / "apiframe.conf"
    config.write_text("[api]\nmax_limit = 0\n[compute]\nboot_delay = soon\n")
    problems = check.option_problems(make_conf(config_files=[str(config)]))
    assert [p.split(":")[0] for p in problems] == ["[api] max_limit", "[compute] boot_delay"]
