"""Schemathesis against the generated documents of the minimum and maximum microversion."""

import pytest
from fuzzing import fuzz, report, write_htpasswd
from sample_api import HISTORY, sample_api_and_app

from apiframe.compute import plugin_names
from apiframe.compute.db.migration import upgrade
from apiframe.testing.fixture import AppFixture

LEAKY = "GET /v2.1/widgets/{id}/leaky"


@pytest.fixture(scope="module")
def sample(sample_plugins, tmp_path_factory):
    htpasswd = write_htpasswd(tmp_path_factory.mktemp("auth") / "htpasswd")
    return sample_api_and_app(strategy="http_basic", htpasswd_file=htpasswd)


@pytest.mark.parametrize("version", [str(HISTORY.min), str(HISTORY.max)])
def test_sample_api_conforms_to_its_document(sample, version):
    failures = fuzz(*sample, version, max_examples=15, exclude=(LEAKY,))
    assert not failures, report(failures)


def test_fuzzing_finds_a_server_error(sample):
    """The sample's ``leaky`` operation raises an error it did not declare: a 500."""
    failures = fuzz(*sample, str(HISTORY.min), max_examples=5, only=(LEAKY,))
    assert list(failures) == [LEAKY]
    assert "ServerError" in {type(failure).__name__ for failure in failures[LEAKY].exceptions}


@pytest.fixture(scope="module")
def compute(tmp_path_factory):
    htpasswd = write_htpasswd(tmp_path_factory.mktemp("auth") / "htpasswd", project="fuzz-project")
    fixture = AppFixture(plugin_names(), config={"auth": {"strategy": "http_basic", "htpasswd_file": htpasswd}})
    with fixture:
        upgrade(fixture.database_url)
        yield fixture.api, fixture.app


@pytest.mark.parametrize("which", ["min", "max"])
def test_compute_api_conforms_to_its_document(compute, which):
    api, app = compute
    version = api.history.min if which == "min" else api.history.max
    failures = fuzz(api, app, version, max_examples=8)
    assert not failures, report(failures)
