"""The app fixture: plugins, configuration, policy and a database of its own, all thrown away."""

import os

import pytest
import sqlalchemy as sa
from oslo_config import cfg
from oslo_policy import policy as oslo_policy

from apiframe import wsgi
from apiframe.exception import StartupError
from apiframe.extensions import Extension, ResourceSpec
from apiframe.testing import AppFixture, assert_fault

POSTGRES = "postgresql+psycopg2://postgres@127.0.0.1:5432/test"
MARIADB = "mysql+pymysql://root@127.0.0.1:3306/test"


class Counter:
    """A per-application service that must be closed when the app stops."""

    closed = False

    def close(self):
        self.closed = True


class CounterController(wsgi.Controller):
    def __init__(self, plugin):
        self.plugin = plugin

    @wsgi.policy("counter:show")
    @wsgi.expected_errors(())
    def index(self, req):
        conf = self.plugin.context.conf
        conf.register_opts([cfg.IntOpt("step", default=1)], group="counter")
        self.plugin.context.services.setdefault("counter", Counter())
        return {"step": conf.counter.step, "database": conf.database.connection}


class CounterPlugin(Extension):
    """A plugin given as a class, not installed."""

    name = "Counter"
    alias = "counter"

    def get_resources(self):
        return [ResourceSpec("counter", CounterController(self))]

    def get_policies(self):
        return [oslo_policy.RuleDefault("counter:show", "@")]


def test_explicit_names_load_only_those_plugins(app):
    listed = app.client().get("/extensions").json["extensions"]
    assert {e["alias"] for e in listed} == {"widgets", "widget-colors", "gadgets", "extensions"}
    assert app.client(version="latest").get("/widgets").headers["OpenStack-API-Version"] == "compute 2.10"


def test_no_plugin_list_means_the_configured_or_installed_ones(make_app):
    app = make_app(None, config={"api": {"enabled_plugins": ["gadgets"]}})
    assert [p.alias for p in app.api.plugins] == ["gadgets"]


def test_plugin_classes_and_options_of_groups_registered_later(make_app):
    app = make_app(["gadgets", CounterPlugin], config={"counter": {"step": 5}})
    body = app.client().get("/counter").json
    assert body == {"step": 5, "database": app.database_url}
    assert app.database_url == f"sqlite:///{app.directory}/apiframe-test.sqlite"
    counter, directory = app.services["counter"], app.directory
    assert not counter.closed and os.path.isdir(directory)
    app.stop()
    assert counter.closed
    assert not os.path.exists(directory)
    assert app.app is None


def test_prepare_runs_before_the_app_is_built(make_app):
    def prepare(conf):
        engine = sa.create_engine(conf.database.connection)
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE prepared (x INTEGER)")
        engine.dispose()
        seen.append(conf.database.connection)

    seen = []
    app = make_app([CounterPlugin], prepare=prepare)
    engine = sa.create_engine(app.database_url)
    assert sa.inspect(engine).get_table_names() == ["prepared"]
    engine.dispose()
    assert seen == [app.database_url]


def test_responses_are_checked_against_their_schemas(app):
    assert app.conf.api.response_validation == "error"
    assert app.conf.auth.strategy == "noauth"


def test_policy_overrides_at_start_and_while_running(make_app):
    app = make_app(policy={"sample:widgets:create": "role:admin"})
    member = app.client(version="2.2")
    assert_fault(member.post("/widgets", {"widget": {"name": "w"}}, status=403), 403, "forbidden")
    app.client("admin", version="2.2").post("/widgets", {"widget": {"name": "w"}}, status=201)
    app.set_policy({})
    member.post("/widgets", {"widget": {"name": "w"}}, status=201)
    app.set_policy({"sample:widgets:list": "!"})
    assert_fault(member.get("/widgets", status=403), 403, "forbidden")


def test_startup_errors_propagate_and_leave_nothing_behind(make_app, tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    with pytest.raises(StartupError, match="not installed: nope"):
        make_app(["nope"])
    assert list(tmp_path.iterdir()) == []


def test_an_unstarted_fixture_says_so():
    with pytest.raises(RuntimeError, match="not started"):
        AppFixture().client()


def _server_reachable(url):
    try:
        engine = sa.create_engine(url, connect_args={"connect_timeout": 2})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.mark.parametrize("server", [POSTGRES, MARIADB])
def test_database_on_a_server_is_created_and_dropped(make_app, server):
    if not _server_reachable(server):
        pytest.skip(f"no database server at {server}")
    with make_app([CounterPlugin], database=server) as app:
        url = app.database_url
        name = sa.make_url(url).database
        assert name.startswith("apiframe_test_") and app.client().get("/counter").json["database"] == url
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        engine.dispose()
    engine = sa.create_engine(server)
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            left = connection.exec_driver_sql("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).all()
        else:
            left = connection.exec_driver_sql("SHOW DATABASES LIKE %s", (name,)).all()
    engine.dispose()
    assert left == []
