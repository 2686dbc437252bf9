"""The Python client of the compute API, built on :mod:`apiframe.client`.

``conn.compute`` is a :class:`ComputeProxy`; its methods come from one client module per
compute plugin, mirrored by name (``servers``, ``flavors``, ``keypairs``, ``lock_server``
...), each declared as an extension of the ``compute`` proxy in ``setup.cfg`` exactly as
a third-party plugin's client would be.
"""

from __future__ import annotations

from apiframe.client import Proxy, ServiceDescription
from apiframe.compute.api_versions import HISTORY

#: The compute API as the client layers see it; service type and legacy header come from its history.
COMPUTE = ServiceDescription(
    service_type=HISTORY.service_type,
    url_prefix="/v2.1",
    version_id="v2.1",
    legacy_header=HISTORY.legacy_header,
    fault_format="nova",
)


class ComputeProxy(Proxy):
    """The compute API: servers, flavors, keypairs, limits, server metadata and tags."""

    description = COMPUTE
    #: The newest microversion whose shapes every compute client module knows.
    max_microversion = "2.100"
