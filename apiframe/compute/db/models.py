"""SQL tables of the reference compute API, as SQLAlchemy 2 declarative models.

Conventions every caller can rely on:

- Times are naive UTC ``datetime`` values (``utcnow()``); every backend stores them the
  same way, with microseconds (MariaDB gets ``DATETIME(6)``).
- JSON columns (``Server.flavor``, ``addresses``, ...) are plain values: assign a new
  dict/list to change them, in-place mutation is not tracked.
- Servers are soft-deleted (``deleted``/``deleted_at``); flavors and key pairs are removed.
- The migration in ``migrations/versions`` creates exactly these tables; a test compares
  the two, so change both together.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from apiframe.compute import driver

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Binary collation keeps names, keys and tags case-sensitive on MariaDB, as they are on
# SQLite and PostgreSQL, so "Key" and "key" are two key pairs everywhere.
TABLE_OPTIONS = {"mysql_engine": "InnoDB", "mysql_charset": "utf8mb4", "mysql_collate": "utf8mb4_bin"}

DateTime = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
JSON = sa.JSON()

def utcnow() -> dt.datetime:
    """The current time in the form every timestamp column holds (naive UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Declarative base holding the compute API's ``MetaData``."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: DateTime, dict[str, Any]: JSON, list[Any]: JSON}


class TimestampMixin:
    """``created_at``/``updated_at`` columns (the data-access functions pass ``now``)."""

    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Flavor(TimestampMixin, Base):
    """A hardware template; ``flavorid`` is the id clients see, ``id`` is internal."""

    __tablename__ = "flavors"
    __table_args__ = (
        sa.UniqueConstraint("flavorid"),
        sa.UniqueConstraint("name"),
        TABLE_OPTIONS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    flavorid: Mapped[str] = mapped_column(sa.String(255))
    name: Mapped[str] = mapped_column(sa.String(255))
    memory_mb: Mapped[int]
    vcpus: Mapped[int]
    root_gb: Mapped[int]
    ephemeral_gb: Mapped[int] = mapped_column(default=0)
    swap: Mapped[int] = mapped_column(default=0)
    rxtx_factor: Mapped[float] = mapped_column(sa.Float, default=1.0)
    is_public: Mapped[bool] = mapped_column(default=True)
    disabled: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str | None] = mapped_column(sa.Text, default=None)

    extra_spec_items: Mapped[list[FlavorExtraSpec]] = relationship(
        back_populates="flavor", cascade="all, delete-orphan", lazy="selectin",
        order_by="FlavorExtraSpec.key", passive_deletes=True,
    )
    project_items: Mapped[list[FlavorProject]] = relationship(
        back_populates="flavor", cascade="all, delete-orphan", lazy="selectin",
        order_by="FlavorProject.project_id", passive_deletes=True,
    )

    @property
    def extra_specs(self) -> dict[str, str]:
        """Extra specs as a ``{key: value}`` dict."""
        return {item.key: item.value for item in self.extra_spec_items}

    @property
    def projects(self) -> list[str]:
        """Ids of the projects given access to this (private) flavor, sorted."""
        return [item.project_id for item in self.project_items]


class FlavorExtraSpec(Base):
    """One ``key=value`` extra spec of a flavor."""

    __tablename__ = "flavor_extra_specs"
    __table_args__ = (sa.UniqueConstraint("flavor_id", "key"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    flavor_id: Mapped[int] = mapped_column(sa.ForeignKey("flavors.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(sa.String(255))
    value: Mapped[str] = mapped_column(sa.String(255))

    flavor: Mapped[Flavor] = relationship(back_populates="extra_spec_items")


class FlavorProject(Base):
    """Access to a private flavor granted to one project."""

    __tablename__ = "flavor_projects"
    __table_args__ = (sa.UniqueConstraint("flavor_id", "project_id"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    flavor_id: Mapped[int] = mapped_column(sa.ForeignKey("flavors.id", ondelete="CASCADE"))
    project_id: Mapped[str] = mapped_column(sa.String(255))

    flavor: Mapped[Flavor] = relationship(back_populates="project_items")


class KeyPair(TimestampMixin, Base):
    """A user's public key; the database keeps ``(user_id, name)`` unique."""

    __tablename__ = "keypairs"
    __table_args__ = (sa.UniqueConstraint("user_id", "name"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    user_id: Mapped[str] = mapped_column(sa.String(255))
    fingerprint: Mapped[str] = mapped_column(sa.String(255))
    public_key: Mapped[str] = mapped_column(sa.Text)
    type: Mapped[str] = mapped_column(sa.String(16), default="ssh")


class Server(TimestampMixin, Base):
    """A server (Nova's instance) and the state the fake driver moves it through.

    ``flavor`` is a snapshot taken at boot (keys flavorid, name, vcpus, ram, disk,
    ephemeral, swap, extra_specs); ``flavorid``, ``vcpus``, ``memory_mb`` and ``root_gb``
    copy it into columns so that filters and quota sums run in SQL. Change it only through
    ``apply_flavor``. ``task_due_at`` is when the pending ``task_state`` completes.
    """

    __tablename__ = "servers"
    __table_args__ = (
        sa.Index(None, "project_id", "created_at"),
        sa.Index(None, "project_id", "deleted"),
        sa.Index(None, "updated_at"),
        sa.Index(None, "name"),
        sa.Index(None, "user_id"),
        sa.Index(None, "flavorid"),
        sa.Index(None, "task_due_at"),
        TABLE_OPTIONS,
    )

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    description: Mapped[str | None] = mapped_column(sa.Text, default=None)
    project_id: Mapped[str] = mapped_column(sa.String(255))
    user_id: Mapped[str] = mapped_column(sa.String(255))
    hostname: Mapped[str | None] = mapped_column(sa.String(255), default=None)
    image_ref: Mapped[str | None] = mapped_column(sa.String(255), default=None)
    flavor: Mapped[dict[str, Any]]
    flavorid: Mapped[str] = mapped_column(sa.String(255))
    vcpus: Mapped[int]
    memory_mb: Mapped[int]
    root_gb: Mapped[int]
    old_flavor: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    new_flavor: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    key_name: Mapped[str | None] = mapped_column(sa.String(255), default=None)
    key_data: Mapped[str | None] = mapped_column(sa.Text, default=None)
    vm_state: Mapped[str] = mapped_column(sa.String(255), default=driver.BUILDING)
    task_state: Mapped[str | None] = mapped_column(sa.String(255), default=driver.SCHEDULING)
    power_state: Mapped[int] = mapped_column(default=driver.POWER_NOSTATE)
    locked: Mapped[bool] = mapped_column(default=False)
    locked_by: Mapped[str | None] = mapped_column(sa.String(16), default=None)
    locked_reason: Mapped[str | None] = mapped_column(sa.Text, default=None)
    access_ip_v4: Mapped[str | None] = mapped_column(sa.String(39), default=None)
    access_ip_v6: Mapped[str | None] = mapped_column(sa.String(39), default=None)
    availability_zone: Mapped[str | None] = mapped_column(sa.String(255), default=None)
    pinned_availability_zone: Mapped[str | None] = mapped_column(sa.String(255), default=None)
    scheduler_hints: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    host: Mapped[str | None] = mapped_column(sa.String(255), default=None)
    node: Mapped[str | None] = mapped_column(sa.String(255), default=None)
    config_drive: Mapped[str] = mapped_column(sa.String(255), default="")
    user_data: Mapped[str | None] = mapped_column(sa.Text, default=None)
    disk_config: Mapped[str] = mapped_column(sa.String(16), default="MANUAL")
    progress: Mapped[int] = mapped_column(default=0)
    reservation_id: Mapped[str] = mapped_column(sa.String(255))
    launch_index: Mapped[int] = mapped_column(default=0)
    addresses: Mapped[dict[str, Any]] = mapped_column(default=lambda: {})
    security_groups: Mapped[list[Any]] = mapped_column(default=lambda: [])
    launched_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    terminated_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    task_due_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    deleted: Mapped[bool] = mapped_column(default=False)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(default=None)

    metadata_items: Mapped[list[ServerMetadata]] = relationship(
        back_populates="server", cascade="all, delete-orphan", lazy="selectin",
        order_by="ServerMetadata.key", passive_deletes=True,
    )
    tag_items: Mapped[list[ServerTag]] = relationship(
        back_populates="server", cascade="all, delete-orphan", lazy="selectin",
        order_by="ServerTag.tag", passive_deletes=True,
    )

    @property
    def metadata_dict(self) -> dict[str, str]:
        """Server metadata as a ``{key: value}`` dict."""
        return {item.key: item.value for item in self.metadata_items}

    @property
    def tag_names(self) -> list[str]:
        """The server's tags, sorted."""
        return [item.tag for item in self.tag_items]

    def apply_flavor(self, snapshot: dict[str, Any]) -> None:
        """Make ``snapshot`` the current flavor, keeping the copied columns in step."""
        self.flavor = snapshot
        self.flavorid = snapshot["flavorid"]
        self.vcpus = snapshot["vcpus"]
        self.memory_mb = snapshot["ram"]
        self.root_gb = snapshot["disk"]


class ServerMetadata(Base):
    """One ``key=value`` metadata item of a server."""

    __tablename__ = "server_metadata"
    __table_args__ = (sa.UniqueConstraint("server_id", "key"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    server_id: Mapped[str] = mapped_column(sa.ForeignKey("servers.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(sa.String(255))
    value: Mapped[str] = mapped_column(sa.String(255))

    server: Mapped[Server] = relationship(back_populates="metadata_items")


class ServerTag(Base):
    """One tag of a server."""

    __tablename__ = "server_tags"
    __table_args__ = (sa.Index(None, "tag"), TABLE_OPTIONS)

    server_id: Mapped[str] = mapped_column(
        sa.ForeignKey("servers.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(sa.String(60), primary_key=True)

    server: Mapped[Server] = relationship(back_populates="tag_items")


class Quota(Base):
    """A per-project override of a quota limit (defaults come from configuration)."""

    __tablename__ = "quotas"
    __table_args__ = (sa.UniqueConstraint("project_id", "resource"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[str] = mapped_column(sa.String(255))
    resource: Mapped[str] = mapped_column(sa.String(255))
    hard_limit: Mapped[int]


class QuotaLock(Base):
    """One row per quota scope (``project:<id>``, ``user:<id>``), locked while counting.

    Row locks on it serialize concurrent quota checks of one scope across workers on
    PostgreSQL and MariaDB.
    """

    __tablename__ = "quota_locks"
    __table_args__ = (TABLE_OPTIONS,)

    scope: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
