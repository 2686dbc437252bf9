"""What every compute plugin shares within one application: database, driver, quotas.

Created when the first compute plugin starts (or on first use) and kept in the
application's ``PluginContext.services``, so each application (and each test's
application) has its own, and nothing lives at module level; the plugins' stop hook
releases them.
"""

from __future__ import annotations

from dataclasses import dataclass

from apiframe.compute import conf as compute_conf
from apiframe.compute.db.engine import Database
from apiframe.compute.driver import FakeDriver
from apiframe.database import database_url
from apiframe.extensions import Extension, PluginContext

SERVICES_KEY = "compute"


@dataclass
class ComputeServices:
    """The collaborators of the compute controllers."""

    database: Database
    driver: FakeDriver
    quota_defaults: dict[str, int]
    max_limit: int
    enable_instance_password: bool

    def close(self) -> None:
        """Release the database connections (the application is being torn down)."""
        self.database.dispose()


def compute_services(context: PluginContext) -> ComputeServices:
    """Return the application's compute services, creating them the first time."""
    services = context.services.get(SERVICES_KEY)
    if services is None:
        conf = context.conf
        compute_conf.register(conf)
        services = ComputeServices(
            database=Database(database_url(conf)),
            driver=FakeDriver(boot_delay=conf.compute.boot_delay, action_delay=conf.compute.action_delay,
                              host=conf.compute.host, availability_zone=conf.compute.availability_zone),
            quota_defaults={opt.dest: conf.quota[opt.dest] for opt in compute_conf.quota_opts},
            max_limit=conf.api.max_limit,
            enable_instance_password=conf.compute.enable_instance_password,
        )
        context.services[SERVICES_KEY] = services
    return services


class ComputePlugin(Extension):
    """Base class of the compute plugins: their start and stop hooks open and release the
    shared services (the database engine among them)."""

    def start(self) -> None:
        """Open the application's compute services."""
        compute_services(self.context)

    def stop(self) -> None:
        """Release the compute services; the first plugin to stop does it, the others find none."""
        services = self.context.services.pop(SERVICES_KEY, None)
        if services is not None:
            services.close()


def prepare_database(url: str) -> None:
    """Migrate the database at ``url`` to the newest schema and add the default flavors.

    Idempotent: ``apiframe-manage db sync``, ``apiframe-api serve`` on first start and the
    test harness all call it.
    """
    from apiframe.compute.db import api as db
    from apiframe.compute.db.migration import upgrade

    upgrade(url)
    database = Database(url)
    try:
        with database.transaction() as session:
            db.seed_default_flavors(session, db.utcnow())
    finally:
        database.dispose()
