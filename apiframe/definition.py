"""API definitions: everything that makes one microversioned service differ from another.

The framework serves any service; an :class:`APIDefinition` carries its service type and
version history, URL prefix, fault vocabulary, version-document shape, media type,
plugin entry point group and policy prefix. A distribution declares definitions as
entry points of group :data:`ENTRY_POINT_GROUP`::

    [options.entry_points]
    apiframe.api_definitions =
        widgets = widgets_api.definition:WIDGETS

and the configuration option ``[api] name`` selects the one served (``compute``, the
reference API that ships with apiframe, by default).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from importlib import metadata

import stevedore

from apiframe.api_version import VersionHistory
from apiframe.conf import DEFAULT_API
from apiframe.data import Data
from apiframe.exception import StartupError
from apiframe.faults import FaultFormat
from apiframe.version_documents import VersionDocuments

ENTRY_POINT_GROUP = "apiframe.api_definitions"

_PREFIX_RE = re.compile(r"^(/[A-Za-z0-9._~-]+)*$")


@dataclass(frozen=True)
class APIDefinition:
    """One microversioned service, as the framework serves it.

    ``prefix`` is the path every operation lives under (``/v2.1``, ``/v1``, or ``""`` for
    none); ``version_id`` the ``id`` of the version documents (default: ``vX.Y`` of the
    minimum version). ``faults`` words the errors and ``version_documents`` shapes the
    discovery documents. ``plugin_group`` is the entry point group the service's plugins
    are declared in; ``policy_prefix`` starts the names of the rules the framework itself
    defines (``<prefix>:extensions``). ``request_id_headers`` report the request id on
    every response; ``project_in_url`` lets every path also start with a project id.
    ``data`` is what every deployment of the API keeps, whatever plugins it enables
    (plugins declare their own in ``Extension.data``).
    """

    name: str
    history: VersionHistory
    prefix: str
    faults: FaultFormat
    version_documents: VersionDocuments
    plugin_group: str
    policy_prefix: str
    media_type: str = "application/json"
    version_id: str = ""
    request_id_headers: tuple[str, ...] = ("x-openstack-request-id",)
    project_in_url: bool = False
    docs_url: str = "https://docs.openstack.org/"
    data: Data | None = None

    def __post_init__(self) -> None:
        if not _PREFIX_RE.match(self.prefix):
            raise ValueError(f"API {self.name!r}: prefix {self.prefix!r} must be empty or "
                             "'/segment[/segment...]' without a trailing '/'")
        if not self.version_id:
            object.__setattr__(self, "version_id", f"v{self.history.min}")

    @property
    def service_type(self) -> str:
        """The service type clients name in ``OpenStack-API-Version`` (``compute``)."""
        return self.history.service_type

    @property
    def body_media_types(self) -> frozenset[str]:
        """The ``Content-Type`` values a request body may carry: JSON, and the API's own media type."""
        return frozenset({"application/json", self.media_type.split(";", 1)[0].strip().lower()})

    def with_history(self, history: VersionHistory | None) -> APIDefinition:
        """The same API serving ``history`` instead (``None``: unchanged); tests narrow the range."""
        return self if history is None else dataclasses.replace(self, history=history)


def load_definition(name: str = DEFAULT_API) -> APIDefinition:
    """The definition an installed distribution declares under ``name``.

    The entry point may name an :class:`APIDefinition` or a function returning one.
    Raises :class:`StartupError` naming the option to fix when none is installed or it
    cannot be loaded.
    """
    def on_failure(_manager: object, entry_point: object, exc: Exception) -> None:
        raise StartupError(f"API definition {name!r} ({getattr(entry_point, 'value', '?')}) "
                           f"failed to load: {exc}") from exc

    try:
        manager = stevedore.DriverManager(ENTRY_POINT_GROUP, name, invoke_on_load=False,
                                          on_load_failure_callback=on_failure)
    except stevedore.exception.MultipleMatches:
        raise StartupError(f"several installed distributions declare the API definition {name!r} "
                           f"(entry point group {ENTRY_POINT_GROUP}); uninstall all but one") from None
    except stevedore.exception.NoMatches:
        installed = sorted({entry.name for entry in metadata.entry_points(group=ENTRY_POINT_GROUP)})
        raise StartupError(f"no API definition named {name!r} is installed (entry point group "
                           f"{ENTRY_POINT_GROUP}; installed: {', '.join(installed) or 'none'}); "
                           "check [api] name") from None
    definition = manager.driver
    if callable(definition) and not isinstance(definition, APIDefinition):
        definition = definition()
    if not isinstance(definition, APIDefinition):
        raise StartupError(f"API definition {name!r}: {definition!r} is not an APIDefinition")
    return definition


def own_plugin_names(name: str = DEFAULT_API) -> list[str]:
    """The entry point names of the plugins that the distribution declaring API ``name``
    registers in the API's plugin group: the API as shipped, apart from whatever other
    plugins are installed beside it."""
    definition = load_definition(name)
    (entry_point,) = {entry for entry in metadata.entry_points(group=ENTRY_POINT_GROUP) if entry.name == name}
    own = entry_point.dist.entry_points.select(group=definition.plugin_group)
    return sorted(plugin.name for plugin in own)
