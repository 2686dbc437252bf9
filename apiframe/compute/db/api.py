"""The data-access functions of the compute API, in one flat namespace.

Every function takes a ``Session`` from ``Database.transaction()`` (or an ORM row loaded
through one) and raises ``apiframe.exception`` errors a client may see: ``NotFound``,
``Conflict``, ``BadRequest`` (bad marker, sort key, regex), ``OverQuota``. Functions that
write take ``now`` (naive UTC, ``models.utcnow()``) rather than reading a clock.
"""

from apiframe.compute.db.flavors import (
    DEFAULT_FLAVORS,
    flavor_access_add,
    flavor_access_list,
    flavor_access_remove,
    flavor_create,
    flavor_delete,
    flavor_extra_spec_delete,
    flavor_extra_spec_get,
    flavor_extra_specs_update,
    flavor_get,
    flavor_list,
    flavor_snapshot,
    flavor_update,
    seed_default_flavors,
)
from apiframe.compute.db.keypairs import keypair_create, keypair_delete, keypair_get, keypair_list
from apiframe.compute.db.models import utcnow
from apiframe.compute.db.quotas import (
    UNLIMITED,
    check_keypair_quota,
    check_metadata_quota,
    check_quota,
    keypair_count,
    quota_limits,
    quota_set,
    quota_usage,
)
from apiframe.compute.db.servers import (
    ServerFilters,
    server_create,
    server_get,
    server_list,
    server_metadata_delete,
    server_metadata_get,
    server_metadata_update,
    server_tag_add,
    server_tag_delete,
    server_tags_replace,
    server_update,
    settle_due,
)

__all__ = [
    "DEFAULT_FLAVORS",
    "UNLIMITED",
    "ServerFilters",
    "check_keypair_quota",
    "check_metadata_quota",
    "check_quota",
    "flavor_access_add",
    "flavor_access_list",
    "flavor_access_remove",
    "flavor_create",
    "flavor_delete",
    "flavor_extra_spec_delete",
    "flavor_extra_spec_get",
    "flavor_extra_specs_update",
    "flavor_get",
    "flavor_list",
    "flavor_snapshot",
    "flavor_update",
    "keypair_count",
    "keypair_create",
    "keypair_delete",
    "keypair_get",
    "keypair_list",
    "quota_limits",
    "quota_set",
    "quota_usage",
    "seed_default_flavors",
    "server_create",
    "server_get",
    "server_list",
    "server_metadata_delete",
    "server_metadata_get",
    "server_metadata_update",
    "server_tag_add",
    "server_tag_delete",
    "server_tags_replace",
    "server_update",
    "settle_due",
    "utcnow",
]
