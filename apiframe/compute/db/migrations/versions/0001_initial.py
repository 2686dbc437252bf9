"""Initial schema: flavors, key pairs, servers, quotas.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Migrations only go forward (as Nova's do): restore a backup to go back.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copies of the model conventions: a migration must not change when models do.
TABLE_OPTIONS = {"mysql_engine": "InnoDB", "mysql_charset": "utf8mb4", "mysql_collate": "utf8mb4_bin"}
DateTime = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", DateTime, nullable=False),
        sa.Column("updated_at", DateTime, nullable=True),
    ]


def _flavor_fk(table: str) -> sa.Column:
    return sa.Column(
        "flavor_id",
        sa.Integer,
        sa.ForeignKey("flavors.id", ondelete="CASCADE", name=f"fk_{table}_flavor_id_flavors"),
        nullable=False,
    )


def upgrade() -> None:
    """Create every table of the first release."""
    op.create_table(
        "flavors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("flavorid", sa.String(255), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("memory_mb", sa.Integer, nullable=False),
        sa.Column("vcpus", sa.Integer, nullable=False),
        sa.Column("root_gb", sa.Integer, nullable=False),
        sa.Column("ephemeral_gb", sa.Integer, nullable=False),
        sa.Column("swap", sa.Integer, nullable=False),
        sa.Column("rxtx_factor", sa.Float, nullable=False),
        sa.Column("is_public", sa.Boolean, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("description", sa.Text, nullable=True),
        *_timestamps(),
        sa.UniqueConstraint("flavorid", name="uq_flavors_flavorid"),
        sa.UniqueConstraint("name", name="uq_flavors_name"),
        **TABLE_OPTIONS,
    )
    op.create_table(
        "flavor_extra_specs",
        sa.Column("id", sa.Integer, primary_key=True),
        _flavor_fk("flavor_extra_specs"),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("value", sa.String(255), nullable=False),
        sa.UniqueConstraint("flavor_id", "key", name="uq_flavor_extra_specs_flavor_id_key"),
        **TABLE_OPTIONS,
    )
    op.create_table(
        "flavor_projects",
        sa.Column("id", sa.Integer, primary_key=True),
        _flavor_fk("flavor_projects"),
        sa.Column("project_id", sa.String(255), nullable=False),
        sa.UniqueConstraint("flavor_id", "project_id", name="uq_flavor_projects_flavor_id_project_id"),
        **TABLE_OPTIONS,
    )

    op.create_table(
        "keypairs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("user_id", sa.String(255), nullable=False),
        sa.Column("fingerprint", sa.String(255), nullable=False),
        sa.Column("public_key", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        *_timestamps(),
        sa.UniqueConstraint("user_id", "name", name="uq_keypairs_user_id_name"),
        **TABLE_OPTIONS,
    )

    op.create_table(
        "servers",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("description", sa.Text, nullable=True),
        sa.Column("project_id", sa.String(255), nullable=False),
        sa.Column("user_id", sa.String(255), nullable=False),
        sa.Column("hostname", sa.String(255), nullable=True),
        sa.Column("image_ref", sa.String(255), nullable=True),
        sa.Column("flavor", sa.JSON, nullable=False),
        sa.Column("flavorid", sa.String(255), nullable=False),
        sa.Column("vcpus", sa.Integer, nullable=False),
        sa.Column("memory_mb", sa.Integer, nullable=False),
        sa.Column("root_gb", sa.Integer, nullable=False),
        sa.Column("old_flavor", sa.JSON, nullable=True),
        sa.Column("new_flavor", sa.JSON, nullable=True),
        sa.Column("key_name", sa.String(255), nullable=True),
        sa.Column("key_data", sa.Text, nullable=True),
        sa.Column("vm_state", sa.String(255), nullable=False),
        sa.Column("task_state", sa.String(255), nullable=True),
        sa.Column("power_state", sa.Integer, nullable=False),
        sa.Column("locked", sa.Boolean, nullable=False),
        sa.Column("locked_by", sa.String(16), nullable=True),
        sa.Column("locked_reason", sa.Text, nullable=True),
        sa.Column("access_ip_v4", sa.String(39), nullable=True),
        sa.Column("access_ip_v6", sa.String(39), nullable=True),
        sa.Column("availability_zone", sa.String(255), nullable=True),
        sa.Column("host", sa.String(255), nullable=True),
        sa.Column("node", sa.String(255), nullable=True),
        sa.Column("config_drive", sa.String(255), nullable=False),
        sa.Column("user_data", sa.Text, nullable=True),
        sa.Column("disk_config", sa.String(16), nullable=False),
        sa.Column("progress", sa.Integer, nullable=False),
        sa.Column("reservation_id", sa.String(255), nullable=False),
        sa.Column("launch_index", sa.Integer, nullable=False),
        sa.Column("addresses", sa.JSON, nullable=False),
        sa.Column("security_groups", sa.JSON, nullable=False),
        sa.Column("launched_at", DateTime, nullable=True),
        sa.Column("terminated_at", DateTime, nullable=True),
        sa.Column("task_due_at", DateTime, nullable=True),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("deleted_at", DateTime, nullable=True),
        *_timestamps(),
        **TABLE_OPTIONS,
    )
    for columns in (
        ("project_id", "created_at"),
        ("project_id", "deleted"),
        ("updated_at",),
        ("name",),
        ("user_id",),
        ("flavorid",),
        ("task_due_at",),
    ):
        op.create_index(f"ix_servers_{'_'.join(columns)}", "servers", list(columns))

    op.create_table(
        "server_metadata",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "server_id",
            sa.String(36),
            sa.ForeignKey("servers.id", ondelete="CASCADE", name="fk_server_metadata_server_id_servers"),
            nullable=False,
        ),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("value", sa.String(255), nullable=False),
        sa.UniqueConstraint("server_id", "key", name="uq_server_metadata_server_id_key"),
        **TABLE_OPTIONS,
    )
    op.create_table(
        "server_tags",
        sa.Column(
            "server_id",
            sa.String(36),
            sa.ForeignKey("servers.id", ondelete="CASCADE", name="fk_server_tags_server_id_servers"),
            primary_key=True,
        ),
        sa.Column("tag", sa.String(60), primary_key=True),
        **TABLE_OPTIONS,
    )
    op.create_index("ix_server_tags_tag", "server_tags", ["tag"])

    op.create_table(
        "quotas",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.String(255), nullable=False),
        sa.Column("resource", sa.String(255), nullable=False),
        sa.Column("hard_limit", sa.Integer, nullable=False),
        sa.UniqueConstraint("project_id", "resource", name="uq_quotas_project_id_resource"),
        **TABLE_OPTIONS,
    )
    op.create_table(
        "quota_locks",
        sa.Column("scope", sa.String(255), primary_key=True),
        **TABLE_OPTIONS,
    )
