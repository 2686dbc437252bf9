"""Plugins that fail while the API is built, each in another phase (entry points ``fail-*``)."""

from apiframe.extensions import Extension


class Failing(Extension):
    """Fails somewhere."""

    name = "Failing"
    alias = "failing"


class InInit(Failing):
    """Fails when created."""

    def __init__(self, context):
        raise RuntimeError("cannot reach the inventory service")


class InResources(Failing):
    """Fails listing its resources."""

    def get_resources(self):
        raise KeyError("inventory")


class InPolicies(Failing):
    """Fails listing its policy rules."""

    def get_policies(self):
        raise ValueError("no rules today")


class InExtensions(Failing):
    """Fails listing its controller extensions."""

    def get_controller_extensions(self):
        raise LookupError("no extensions today")


class InFragments(Failing):
    """Fails listing its schema fragments."""

    def get_schema_fragments(self):
        raise TypeError("no fragments today")


class InAssembly(Failing):
    """Returns something assembly cannot use."""

    def get_resources(self):
        return [None]
