"""Helpers of the compute API's functional tests: applications, tenants and servers.

Building the compute application takes seconds (every schema of every microversion is
checked and compiled), so one application per test session serves most tests, and each
test gets a :class:`Tenant` of its own: a fresh project with fresh users, whose servers,
keypairs, quotas and limits no other test sees.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from apiframe.compute import plugin_names
from apiframe.compute.services import prepare_database
from apiframe.database import database_url
from apiframe.testing import AppFixture, Client, Persona, Samples

#: Servers settle at once: BUILD becomes ACTIVE (and REBOOT, RESIZE... finish) on the next read.
COMPUTE_CONFIG = {"compute": {"boot_delay": 0, "action_delay": 0}}
IMAGE_ID = "70a599e0-31e7-49b7-b260-868f441e862b"
HOST = "fake-host"
SAMPLES = Path(__file__).parent / "samples"
DOCS = Path(__file__).parents[3] / "docs" / "api-samples"
#: The default flavors (id: (name, vcpus, ram MB, disk GB)) every compute database starts with.
DEFAULT_FLAVORS = {"1": ("m1.tiny", 1, 512, 1), "2": ("m1.small", 1, 2048, 20), "3": ("m1.medium", 2, 4096, 40),
                   "4": ("m1.large", 4, 8192, 80), "5": ("m1.xlarge", 8, 16384, 160)}


def start_compute_app(plugins: list[str] | None = None, *, database: str | None = None,
                      config: dict[str, dict[str, Any]] | None = None) -> AppFixture:
    """Start the compute API (its own plugins unless told, whatever else is installed) with a prepared database."""
    settings = {group: dict(options) for group, options in COMPUTE_CONFIG.items()}
    for group, options in (config or {}).items():
        settings.setdefault(group, {}).update(options)
    return AppFixture(plugin_names() if plugins is None else plugins, config=settings, database=database,
                      prepare=lambda conf: prepare_database(database_url(conf))).start()


def unique(prefix: str) -> str:
    """A name no other test uses."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


class Tenant:
    """A project of its own on a shared application, with its member, reader and an outsider.

    ``client(persona, version)`` gives a :class:`Client` acting as ``member``, ``reader``
    (this project), ``other-project`` (another fresh project), ``admin`` (the shared
    administrator) or ``anonymous``. A fixed ``project_id`` (for API samples) gives
    documentation that does not change from run to run.
    """

    def __init__(self, app: AppFixture, project_id: str | None = None) -> None:
        self.app = app
        tag = uuid.uuid4().hex[:10]
        self.project_id = project_id or f"project-{tag}"
        self.other_project_id = f"other-{tag}"
        self.personas = {
            "member": Persona("member", f"alice-{tag}", self.project_id, ("member", "reader")),
            "reader": Persona("reader", f"rita-{tag}", self.project_id, ("reader",)),
            "other-project": Persona("other-project", f"olga-{tag}", self.other_project_id, ("member", "reader")),
            "admin": Persona("admin", f"admin-{tag}", "admin-project", ("admin", "member", "reader")),
            "anonymous": Persona("anonymous", None, None),
        }

    @property
    def user_id(self) -> str:
        """The member's user id."""
        return self.personas["member"].user

    def client(self, persona: str = "member", version: str | None = "2.1", **options: Any) -> Client:
        """A client of the application as ``persona`` at ``version``."""
        return Client(self.app.app, persona=self.personas[persona], version=version,
                      project_id=self.project_id, **options)

    def create_server(self, name: str = "server", *, version: str = "2.1", persona: str = "member",
                      **fields: Any) -> dict[str, Any]:
        """Create a server (flavor 1 and an image unless ``fields`` say otherwise); return its GET body."""
        body = {"name": name, "flavorRef": "1", "imageRef": IMAGE_ID, **fields}
        client = self.client(persona, version)
        created = client.post("/servers", {"server": body}, status=202).json["server"]
        return client.get(f"/servers/{created['id']}").json["server"]

    def set_quota(self, resource: str, hard_limit: int) -> None:
        """Set this project's quota for ``resource`` directly in the database."""
        from apiframe.compute.db import api as db
        from apiframe.compute.services import compute_services

        with compute_services(self.app.context).database.transaction() as session:
            db.quota_set(session, self.project_id, resource, hard_limit)

    def count_rows(self, table: str) -> int:
        """How many rows of ``table`` (``servers``, ``keypairs`` ...) belong to this tenant."""
        column = "user_id" if table == "keypairs" else "project_id"
        owner = self.user_id if table == "keypairs" else self.project_id
        engine = sa.create_engine(self.app.database_url, poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as connection:
                return connection.execute(sa.text(f"SELECT COUNT(*) FROM {table} WHERE {column} = :owner"),
                                          {"owner": owner}).scalar_one()
        finally:
            engine.dispose()

    def host_id(self) -> str:
        """The ``hostId`` this project's servers show: sha224 of project id and host name."""
        return hashlib.sha224((self.project_id + HOST).encode()).hexdigest()


def samples(area: str, **subs: Any) -> Samples:
    """The sample templates and documentation samples of one API area (``servers``, ``flavors`` ...)."""
    return Samples(SAMPLES / area, DOCS / area, subs=subs)


def sample_action(client: Client, area: Samples, server_id: str, request: str,
                  subs: dict[str, Any] | None = None, status: int = 202) -> Any:
    """POST the request template ``request`` of ``area`` to the server's action URL."""
    return client.post(f"/servers/{server_id}/action", area.request(request, subs, version=client.version),
                       status=status)


def new_flavor(admin: Client, **fields: Any) -> dict[str, Any]:
    """Create a flavor as ``admin`` and return it; its id sorts after the default flavors' ids."""
    body = {"name": unique("flavor"), "ram": 256, "vcpus": 1, "disk": 1, "id": unique("flv"), **fields}
    return admin.post("/flavors", {"flavor": body}).json["flavor"]


#: The project API samples are recorded in, as in the compute API's reference samples.
SAMPLE_PROJECT = "6f70656e737461636b20342065766572"


def sample_tenant(app: AppFixture) -> Tenant:
    """A tenant in :data:`SAMPLE_PROJECT` with no instance, core or RAM quota, for sample tests."""
    tenant = Tenant(app, SAMPLE_PROJECT)
    for resource in ("instances", "cores", "ram"):
        tenant.set_quota(resource, -1)
    return tenant
