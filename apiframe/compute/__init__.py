"""The reference compute API: servers, flavors, keypairs, metadata and limits as plugins.

Each resource is a plugin registered in ``setup.cfg`` exactly as a third-party plugin
would be; nothing here is wired into the framework by hand. :func:`plugin_names` lists
them, apart from whatever other plugins are installed beside them.
"""

from __future__ import annotations


def plugin_names() -> list[str]:
    """The entry point names of the compute API's plugins: those the apiframe distribution registers."""
    # PERF: imported here, so that importing the compute client does not import the server core.
    from apiframe.definition import own_plugin_names

    return own_plugin_names("compute")
