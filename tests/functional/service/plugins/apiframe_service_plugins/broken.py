"""A plugin whose module cannot be imported, as when a dependency is missing."""

import apiframe_service_tests_missing_dependency  # noqa: F401


class Broken:
    """Never reached."""
