"""Servers remember what their create request asked for: availability zone, scheduler hints.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Shown from microversion 2.96 (``pinned_availability_zone``) and 2.100 (``scheduler_hints``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the two columns; existing servers asked for neither."""
    with op.batch_alter_table("servers") as batch:
        batch.add_column(sa.Column("pinned_availability_zone", sa.String(255), nullable=True))
        batch.add_column(sa.Column("scheduler_hints", sa.JSON, nullable=True))
