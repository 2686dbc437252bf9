"""The YAML tests in gabbits/, run in-process against the notes plugin."""

from apiframe.testing.yaml_tests import generate_yaml_tests, test_yaml  # noqa: F401


def pytest_generate_tests(metafunc):
    generate_yaml_tests(metafunc, "gabbits", plugins=["notes"])
