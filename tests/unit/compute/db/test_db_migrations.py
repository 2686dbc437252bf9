"""The packaged migrations build, from nothing, exactly the schema the models describe."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from apiframe.compute.db import migration
from apiframe.compute.db.models import Base


def test_upgrade_from_empty_reaches_head_and_matches_models(scratch):
    url = scratch.create()
    assert migration.current_revision(url) is None

    migration.upgrade(url)
    migration.upgrade(url)  # a second run finds nothing to do

    assert migration.current_revision(url) == migration.head_revision() == "0002"
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            assert set(Base.metadata.tables) <= set(sa.inspect(connection).get_table_names())
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_keypair_unique_constraint_comes_from_the_migration(migrated_url):
    engine = sa.create_engine(migrated_url)
    try:
        inspector = sa.inspect(engine)
        unique_columns = [c["column_names"] for c in inspector.get_unique_constraints("keypairs")]
        unique_columns += [i["column_names"] for i in inspector.get_indexes("keypairs") if i.get("unique")]
    finally:
        engine.dispose()
    assert ["user_id", "name"] in unique_columns
