"""Alembic environment of the compute API schema.

``apiframe.compute.db.migration`` builds the Alembic ``Config`` in code and hands over an
open connection in ``config.attributes["connection"]``; a ``sqlalchemy.url`` main option
is used when there is none (for running the ``alembic`` command by hand).
"""

from alembic import context

from apiframe.compute.db.engine import Database
from apiframe.compute.db.models import Base


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite can alter a table only by copying it; batch mode does that.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    config = context.config
    if context.is_offline_mode():
        context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
                          target_metadata=Base.metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    database = Database(config.get_main_option("sqlalchemy.url"))
    try:
        with database.engine.connect() as connection:
            _run(connection)
    finally:
        database.dispose()


_main()
