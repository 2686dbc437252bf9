"""The ledger: a plugin of the widgets API that keeps data of its own (``GET /v1/ledger``).

It declares its table as :class:`~apiframe.data.Data`, so ``apiframe-manage db sync``
creates it, opens its engine in its start hook and disposes of it in its stop hook.
SQLAlchemy is imported only by those hooks.
"""

from oslo_policy import policy

from apiframe import wsgi
from apiframe.data import Data
from apiframe.database import database_url
from apiframe.extensions import Extension, ResourceSpec
from apiframe.policy_rules import PROJECT_READER_OR_ADMIN

RULE = "widgets_api:ledger:show"
SERVICE_KEY = "ledger.engine"
REVISION = "1"


def _tables():
    import sqlalchemy as sa

    metadata = sa.MetaData()
    entries = sa.Table("ledger_entries", metadata, sa.Column("id", sa.Integer, primary_key=True))
    version = sa.Table("ledger_version", metadata, sa.Column("revision", sa.String(8), nullable=False))
    return sa, metadata, entries, version


def sync(url):
    """Create the ledger's tables and record their revision; nothing to do the second time."""
    sa, metadata, _entries, version = _tables()
    engine = sa.create_engine(url)
    try:
        metadata.create_all(engine)
        with engine.begin() as connection:
            if connection.execute(sa.select(version.c.revision)).first() is None:
                connection.execute(version.insert().values(revision=REVISION))
    finally:
        engine.dispose()


def revision(url):
    """The revision the ledger's tables are at, ``None`` before the first sync."""
    sa, _metadata, _entries, version = _tables()
    engine = sa.create_engine(url)
    try:
        if not sa.inspect(engine).has_table(version.name):
            return None
        with engine.connect() as connection:
            return connection.execute(sa.select(version.c.revision)).scalar()
    finally:
        engine.dispose()


LEDGER_DATA = Data(name="ledger", sync=sync, revision=revision, newest=lambda: REVISION)


class LedgerController(wsgi.Controller):
    """How many entries the ledger has."""

    def __init__(self, plugin):
        self.plugin = plugin

    @wsgi.policy(RULE)
    @wsgi.expected_errors(())
    def index(self, req):
        sa, _metadata, entries, _version = _tables()
        with self.plugin.context.services[SERVICE_KEY].connect() as connection:
            count = connection.execute(sa.select(sa.func.count()).select_from(entries)).scalar()
        return {"ledger": {"entries": count}}


class Ledger(Extension):
    """A ledger kept in the database."""

    name = "Ledger"
    alias = "ledger"
    data = LEDGER_DATA

    def get_resources(self):
        return [ResourceSpec("ledger", LedgerController(self))]

    def get_policies(self):
        return [policy.RuleDefault(RULE, PROJECT_READER_OR_ADMIN)]

    def start(self):
        import sqlalchemy as sa

        self.context.services[SERVICE_KEY] = sa.create_engine(database_url(self.context.conf))

    def stop(self):
        engine = self.context.services.pop(SERVICE_KEY, None)
        if engine is not None:
            engine.dispose()
