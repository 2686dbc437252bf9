"""A database URL that cannot work is one line from every command, saying what to install or fix."""

import importlib.util
import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

import pytest

PG8000 = "postgresql+pg8000://apiframe:s3cret@127.0.0.1/apiframe"
MYSQLDB = "mysql+mysqldb://apiframe:s3cret@127.0.0.1/apiframe"
CHECK, SERVE = ("apiframe-api", "check"), ("apiframe-api", "serve")
SYNC, VERSION = ("apiframe-manage", "db", "sync"), ("apiframe-manage", "db", "version")


def only_line(result, command):
    """The one line a failed ``command`` printed: the ``error: ...`` of check's report, else stderr's."""
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "s3cret" not in result.stdout + result.stderr
    if command == CHECK:
        assert result.stderr == ""
        lines = [line for line in result.stdout.splitlines() if line.startswith("error: ")]
        assert len(lines) == 1, result.stdout
        return lines[0].removeprefix("error: ")
    [line] = result.stderr.splitlines()
    return line.removeprefix(f"{command[0]}: error: ")


@pytest.mark.parametrize(("command", "url", "module", "package"), [
    pytest.param(CHECK, PG8000, "pg8000", "pg8000", id="check-pg8000"),
    pytest.param(SERVE, PG8000, "pg8000", "pg8000", id="serve-pg8000"),
    pytest.param(SYNC, MYSQLDB, "MySQLdb", "mysqlclient", id="sync-mysqldb"),
    pytest.param(VERSION, MYSQLDB, "MySQLdb", "mysqlclient", id="version-mysqldb"),
])
def test_a_driver_that_is_not_installed(cli, write_conf, command, url, module, package):
    if importlib.util.find_spec(module) is not None:
        pytest.skip(f"{module} is installed here")
    result = cli(*command, "--config-file", write_conf(["widgets"], f"[database]\nconnection = {url}\n"))
    driver = url.partition("+")[2].partition(":")[0]
    assert only_line(result, command) == (
        f"database {url.replace('s3cret', '***')}: the driver {driver} is not installed (No module named "
        f"'{module}'); install it with `pip install '{package}'`")


UNKNOWN = ("foo://apiframe:s3cret@db/apiframe", "database foo://apiframe:***@db/apiframe: unknown database type "
           "'foo' (no SQLAlchemy dialect of that name is installed); check [database] connection")
MALFORMED = ("postgresql//apiframe:s3cret@db/apiframe", "[database] connection is not a database URL (Could not "
             "parse SQLAlchemy URL from given URL string); expected dialect+driver://user:password@host:port/database")


@pytest.mark.parametrize(("command", "url", "message"), [
    pytest.param(CHECK, *UNKNOWN, id="check-unknown"), pytest.param(SYNC, *UNKNOWN, id="sync-unknown"),
    pytest.param(SERVE, *MALFORMED, id="serve-malformed"), pytest.param(VERSION, *MALFORMED, id="version-malformed"),
])
def test_an_unknown_dialect_or_a_malformed_url(cli, write_conf, command, url, message):
    result = cli(*command, "--config-file", write_conf(["widgets"], f"[database]\nconnection = {url}\n"))
    assert only_line(result, command) == message


@pytest.fixture(scope="session")
def python_without_drivers(tmp_path_factory):
    """The Python of a virtual environment holding every package of this one but the
    PostgreSQL and MySQL drivers (linked, not copied)."""
    root = tmp_path_factory.mktemp("venv-without-drivers")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    python = root / "bin" / "python"
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True).stdout.strip())
    drivers = {dist for module in ("psycopg2", "pymysql") for dist in metadata.packages_distributions()[module]}
    left_out = {Path(file).parts[0] for dist in drivers for file in metadata.distribution(dist).files or []}
    for entry in Path(sysconfig.get_path("purelib")).iterdir():
        if entry.name not in left_out:
            (site / entry.name).symlink_to(entry)
    return python


MODULES = {"apiframe-api": "apiframe.cmd.api", "apiframe-manage": "apiframe.cmd.manage"}
BARE_POSTGRESQL = ("postgresql://apiframe:s3cret@127.0.0.1/apiframe", "psycopg2", "postgresql")
BARE_MYSQL = ("mysql://apiframe:s3cret@127.0.0.1/apiframe", "pymysql", "mysql")


@pytest.mark.parametrize(("command", "url", "driver", "extra"), [
    pytest.param(CHECK, *BARE_POSTGRESQL, id="check-postgresql"),
    pytest.param(SERVE, *BARE_POSTGRESQL, id="serve-postgresql"),
    pytest.param(SYNC, *BARE_MYSQL, id="sync-mysql"),
])
def test_a_url_without_driver_names_the_extra_to_install(python_without_drivers, write_conf, service_env,
                                                         tmp_path, command, url, driver, extra):
    assert subprocess.run([python_without_drivers, "-c", f"import {driver}"], capture_output=True).returncode == 1
    conf = write_conf(["widgets"], f"[database]\nconnection = {url}\n")
    result = subprocess.run([python_without_drivers, "-m", MODULES[command[0]], *command[1:], "--config-file", conf],
                            env=service_env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    shown = url.replace("s3cret", "***").replace("://", f"+{driver}://")
    assert only_line(result, command) == (f"database {shown}: the driver {driver} is not installed (No module "
                                          f"named '{driver}'); install it with `pip install 'apiframe[{extra}]'`")
