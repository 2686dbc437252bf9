"""The notes plugin's tests use nothing but apiframe's test harness."""

import pytest

# Loads the harness's fixtures even where apiframe's pytest11 entry point is not installed.
pytest_plugins = ["apiframe.testing.pytest_plugin"]


@pytest.fixture
def apiframe_app_options():
    """Every test's application serves the notes plugin alone."""
    return {"plugins": ["notes"]}
