"""The reference compute API: servers, flavors, keypairs, metadata and limits as plugins.

Each resource is a plugin registered in ``setup.cfg`` exactly as a third-party plugin
would be; nothing here is wired into the framework by hand. :func:`plugin_names` lists
them, apart from whatever other plugins are installed beside them.
"""

from __future__ import annotations

import importlib.metadata

from apiframe.extensions import NAMESPACE

#: The distribution whose entry points are the compute API's plugins.
DISTRIBUTION = "apiframe"


def plugin_names() -> list[str]:
    """The entry point names of the compute API's plugins: those the apiframe distribution registers."""
    entry_points = importlib.metadata.distribution(DISTRIBUTION).entry_points
    return sorted(entry_point.name for entry_point in entry_points.select(group=NAMESPACE))
