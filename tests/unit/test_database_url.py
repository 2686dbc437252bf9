"""The database URL: default drivers agree with the extras, and every mistake is one line."""

import importlib.util
from importlib import metadata

import pytest
import sqlalchemy as sa
from packaging.requirements import Requirement

from apiframe.conf import make_conf
from apiframe.database import DEFAULT_DRIVERS, DRIVER_PACKAGES, check_database_url, database_url, with_default_driver
from apiframe.exception import StartupError


@pytest.mark.parametrize(("configured", "used"), [
    ("postgresql://u:p@db/api", "postgresql+psycopg2://u:p@db/api"),
    ("mysql://u@db/api?charset=utf8mb4", "mysql+pymysql://u@db/api?charset=utf8mb4"),
    ("mariadb://u@db/api", "mariadb+pymysql://u@db/api"),
    ("postgresql+psycopg://u@db/api", "postgresql+psycopg://u@db/api"),
    ("mysql+mysqldb://u@db/api", "mysql+mysqldb://u@db/api"),
    ("sqlite:////var/lib/apiframe.sqlite", "sqlite:////var/lib/apiframe.sqlite"),
    ("not a url", "not a url"),
])
def test_a_url_without_driver_gets_the_default_driver(configured, used):
    conf = make_conf()
    conf.set_override("connection", configured, group="database")
    assert database_url(conf) == used


def extra_distributions(extra):
    """The distributions ``pip install 'apiframe[extra]'`` installs, normalised names."""
    found = set()
    for line in metadata.requires("apiframe") or []:
        requirement = Requirement(line)
        if requirement.marker is not None and requirement.marker.evaluate({"extra": extra}):
            found.add(requirement.name.lower())
    return found


@pytest.mark.parametrize("dialect", sorted(DEFAULT_DRIVERS))
def test_a_url_without_driver_uses_the_driver_the_extra_installs(dialect):
    """What a bare URL resolves to (under the installed SQLAlchemy) is what the extra installs."""
    driver_class = sa.make_url(with_default_driver(f"{dialect}://db/api")).get_dialect()
    module = driver_class.import_dbapi().__name__.partition(".")[0]
    providers = {name.lower() for name in metadata.packages_distributions()[module]}
    extra = Requirement(DRIVER_PACKAGES[driver_class.driver]).extras
    assert len(extra) == 1
    assert providers & extra_distributions(extra.pop())


@pytest.mark.parametrize(("url", "message"), [
    ("not a url", "[database] connection is not a database URL (Could not parse SQLAlchemy URL from given URL "
                  "string); expected dialect+driver://user:password@host:port/database"),
    ("postgresql://u:s3cret@db:port/api", "[database] connection is not a database URL (invalid literal for int() "
                                          "with base 10: 'port'); expected dialect+driver://user:password@host:port/"
                                          "database"),
    ("postgres://u:s3cret@db/api", "database postgres://u:***@db/api: unknown database type 'postgres' (did you "
                                   "mean postgresql?); check [database] connection"),
    ("foo://u:s3cret@db/api", "database foo://u:***@db/api: unknown database type 'foo' (no SQLAlchemy dialect "
                              "of that name is installed); check [database] connection"),
    ("postgresql+psycopg3://u:s3cret@db/api", "database postgresql+psycopg3://u:***@db/api: postgresql has no "
                                              "driver 'psycopg3'; check [database] connection"),
])
def test_a_url_that_cannot_work_is_one_line(url, message):
    with pytest.raises(StartupError) as caught:
        check_database_url(url)
    assert str(caught.value) == message


@pytest.mark.parametrize(("url", "module", "package"), [
    ("postgresql+pg8000://u:s3cret@db/api", "pg8000", "pg8000"),
    ("mysql+mysqldb://u:s3cret@db/api", "MySQLdb", "mysqlclient"),
])
def test_a_driver_that_is_not_installed_says_what_to_install(url, module, package):
    if importlib.util.find_spec(module) is not None:
        pytest.skip(f"{module} is installed here")
    with pytest.raises(StartupError) as caught:
        check_database_url(url)
    driver = sa.make_url(url).get_driver_name()
    shown = url.replace("s3cret", "***")
    assert str(caught.value) == (f"database {shown}: the driver {driver} is not installed (No module named "
                                 f"'{module}'); install it with `pip install '{package}'`")


def test_an_installed_driver_passes_without_connecting():
    assert check_database_url("postgresql+psycopg2://u@127.0.0.1:1/api").port == 1
    assert check_database_url("sqlite:///nowhere/at/all.sqlite").database == "nowhere/at/all.sqlite"
