"""What every compute plugin shares within one application: database, driver, quotas.

Created on first use and kept in the application's ``PluginContext.services``, so each
application (and each test's application) has its own, and nothing lives at module level.
"""

from __future__ import annotations

from dataclasses import dataclass

from apiframe.compute import conf as compute_conf
from apiframe.compute.db.engine import Database
from apiframe.compute.driver import FakeDriver
from apiframe.database import database_url
from apiframe.extensions import PluginContext

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
