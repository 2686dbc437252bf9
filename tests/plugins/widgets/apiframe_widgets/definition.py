"""The widgets API definition: ``[api] name = widgets``."""

from apiframe.api_version import VersionHistory
from apiframe.definition import APIDefinition
from apiframe.faults import APIWGErrors
from apiframe.version_documents import NovaVersionDocuments

HISTORY = VersionHistory(
    service_type="widgets",
    legacy_header=None,
    descriptions={
        "1.0": "Widgets: list, create, show and delete.",
        "1.1": "Creating a widget answers 201 instead of 200.",
        "1.2": "Widgets have a 'color'.",
        "1.3": "PUT /widgets/{id} renames a widget.",
    },
    updated="2024-01-01T00:00:00Z",
)

WIDGETS = APIDefinition(
    name="widgets",
    history=HISTORY,
    prefix="/v1",
    version_id="v1",
    faults=APIWGErrors(undefined_code="widgets.undefined_code"),
    version_documents=NovaVersionDocuments(),
    plugin_group="apiframe.widgets.plugins",
    policy_prefix="widgets_api",
)
