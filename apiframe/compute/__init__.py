"""The reference compute API: servers, flavors, keypairs, metadata and limits as plugins.

Each resource is a plugin registered in ``setup.cfg`` exactly as a third-party plugin
would be; nothing here is wired into the framework by hand.
"""
