"""Persistence of the reference compute API: engine, models, migrations, data access."""
