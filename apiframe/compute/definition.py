"""The compute API as an API definition: what apiframe serves when ``[api] name = compute``.

Everything here is a fact of the OpenStack compute API's wire contract: the ``/v2.1``
prefix, the legacy ``X-OpenStack-Nova-API-Version`` header (in the version history),
the fault names with ``computeFault`` for the others, the media type, the
``os_compute_api`` policy prefix, the ``x-compute-request-id`` header and project ids
in URLs. Its data is the compute schema (``apiframe/compute/db``), which every
deployment of the API has whatever plugins it enables.
"""

from __future__ import annotations

from apiframe.compute.api_versions import HISTORY
from apiframe.compute.services import prepare_database
from apiframe.data import Data
from apiframe.definition import APIDefinition
from apiframe.extensions import NAMESPACE
from apiframe.faults import NovaFaults
from apiframe.version_documents import NovaVersionDocuments


def _revision(url: str) -> str | None:
    # Alembic is imported only by the tools that ask, never while serving.
    from apiframe.compute.db.migration import current_revision

    return current_revision(url)


def _newest() -> str | None:
    from apiframe.compute.db.migration import head_revision

    return head_revision()


COMPUTE_DATA = Data(name="compute", sync=prepare_database, revision=_revision, newest=_newest)

COMPUTE = APIDefinition(
    name="compute",
    history=HISTORY,
    prefix="/v2.1",
    faults=NovaFaults(default_name="computeFault"),
    version_documents=NovaVersionDocuments(),
    plugin_group=NAMESPACE,
    policy_prefix="os_compute_api",
    media_type="application/vnd.openstack.compute+json;version=2.1",
    version_id="v2.1",
    request_id_headers=("x-openstack-request-id", "x-compute-request-id"),
    project_in_url=True,
    data=COMPUTE_DATA,
)
