"""Running apiframe as a service: which configuration files, which database, which logging.

Shared by the console scripts (:mod:`apiframe.cmd`), the WSGI module
(:mod:`apiframe.deploy.wsgi`) and the paste.deploy factories (:mod:`apiframe.deploy.paste`),
so that every way of starting the API reads the same files and opens the same database
(:func:`apiframe.database.database_url`, re-exported here). The functions that need
SQLAlchemy import it when called: an API whose plugins keep no data never calls them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from oslo_config import cfg

from apiframe.app import configured_definition, data_of, load_plugins
from apiframe.conf import data_dir, make_conf
from apiframe.data import Data
from apiframe.database import check_database_url, database_url
from apiframe.exception import StartupError
from apiframe.extensions import PluginContext

if TYPE_CHECKING:
    import sqlalchemy as sa

__all__ = ["config_files", "configured_data", "database_error", "database_exists", "database_url",
           "exit_on_startup_error", "load_conf", "masked_url", "prepare_database", "setup_logging"]

LOG = logging.getLogger(__name__)

#: Environment variable naming the configuration file when none is given explicitly.
CONFIG_FILE_ENV = "APIFRAME_CONFIG_FILE"
#: Read when neither ``--config-file`` nor ``$APIFRAME_CONFIG_FILE`` names a file and it exists.
DEFAULT_CONFIG_FILE = "/etc/apiframe/apiframe.conf"

LOG_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s %(message)s"


def config_files(explicit: Sequence[str] | None = None) -> list[str]:
    """The configuration files to read, first match wins.

    ``explicit`` (``--config-file``) if given; else ``$APIFRAME_CONFIG_FILE``; else
    :data:`DEFAULT_CONFIG_FILE` if it exists; else none (built-in defaults).
    """
    if explicit:
        return list(explicit)
    from_env = os.environ.get(CONFIG_FILE_ENV)
    if from_env:
        return [from_env]
    return [DEFAULT_CONFIG_FILE] if os.path.isfile(DEFAULT_CONFIG_FILE) else []


def load_conf(explicit: Sequence[str] | None = None) -> cfg.ConfigOpts:
    """Parse apiframe's configuration from :func:`config_files`; raise ``StartupError`` if unreadable."""
    files = config_files(explicit)
    missing = [path for path in files if not os.path.isfile(path)]
    if missing:
        raise StartupError(f"configuration file not found: {', '.join(missing)}")
    try:
        return make_conf(config_files=files)
    except cfg.Error as exc:
        raise StartupError(f"cannot read configuration {', '.join(files)}: {exc}") from exc


def configured_data(conf: cfg.ConfigOpts) -> list[Data]:
    """The data sets the configured API and its enabled plugins keep, without assembling the API."""
    definition = configured_definition(conf)
    return data_of(definition, load_plugins(conf, definition, PluginContext(conf=conf)))


def masked_url(url: str) -> str:
    """``url`` with its password hidden, for output and logs."""
    import sqlalchemy as sa

    return sa.make_url(url).render_as_string(hide_password=True)


def database_exists(url: str) -> bool:
    """False only for a SQLite file that has not been created yet; servers are assumed to exist."""
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return True
    return os.path.exists(parsed.database)


def prepare_database(conf: cfg.ConfigOpts, data: Sequence[Data]) -> str | None:
    """Bring every data set up to date (:meth:`Data.sync`), creating the data directory if the
    default SQLite file lives there.

    Returns the database URL, or ``None`` when there is no data (nothing is touched then).
    Preparing an up-to-date database does nothing.
    """
    if not data:
        return None
    import sqlalchemy as sa

    url = database_url(conf)
    check_database_url(url)
    if not conf.database.connection:
        os.makedirs(data_dir(conf), exist_ok=True)
    for data_set in data:
        try:
            data_set.sync(url)
        except sa.exc.SQLAlchemyError as exc:
            raise database_error(url, f"migrate the {data_set.name} data", exc) from exc
    return url


def database_error(url: str, action: str, exc: sa.exc.SQLAlchemyError) -> StartupError:
    """The error to report when ``action`` on the database failed, password masked."""
    reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
    return StartupError(f"database {masked_url(url)}: cannot {action} ({reason}); check [database] connection")


#: The exit status on which uWSGI's master stops ("failed to load app") instead of
#: starting the worker again.
UWSGI_APP_LOAD_ERROR = 22


@contextlib.contextmanager
def exit_on_startup_error() -> Iterator[None]:
    """For code a WSGI server runs to load the application: a ``StartupError`` in the block
    is logged as one ERROR line (its traceback at DEBUG) and the process exits.

    The exit status is the hosting server's "app failed to load" (gunicorn's, or uWSGI's
    inside uWSGI), on which its master stops instead of starting workers again; any
    server sees a process that exits, not a traceback.
    """
    try:
        yield
    except StartupError as exc:
        LOG.error("apiframe cannot start: %s", exc)
        LOG.debug("apiframe stopped by this error:", exc_info=exc)
        raise SystemExit(_app_load_error_status()) from exc


def _app_load_error_status() -> int:
    if "uwsgi" in sys.modules:  # the module uWSGI gives the Python code it hosts
        return UWSGI_APP_LOAD_ERROR
    from gunicorn.arbiter import Arbiter

    return Arbiter.APP_LOAD_ERROR


def setup_logging(level: int = logging.INFO, *, debug: bool = False) -> None:
    """Log to stderr at ``level`` unless the hosting server has configured logging already.

    ``debug`` lowers apiframe's own loggers (not other libraries') to DEBUG.
    """
    logging.basicConfig(level=level, format=LOG_FORMAT, stream=sys.stderr)
    if debug:
        logging.getLogger("apiframe").setLevel(logging.DEBUG)
    # Alembic announces each of its plugins at INFO on every migration run.
    logging.getLogger("alembic.runtime.plugins").setLevel(max(level, logging.WARNING))
