"""API definitions: declared through entry points, selected by name, checked when made."""

import dataclasses

import pytest

from apiframe.api_version import VersionHistory
from apiframe.cmd import check
from apiframe.conf import make_conf
from apiframe.definition import APIDefinition, load_definition
from apiframe.exception import StartupError
from apiframe.faults import APIWGErrors
from apiframe.version_documents import PlacementVersionDocuments

HISTORY = VersionHistory("things", None, {"1.0": "first", "1.1": "second"})


def definition(**changes):
    values = {"name": "things", "history": HISTORY, "prefix": "", "faults": APIWGErrors("things.undefined_code"),
              "version_documents": PlacementVersionDocuments(), "plugin_group": "things.plugins",
              "policy_prefix": "things"}
    return APIDefinition(**{**values, **changes})


def test_the_compute_api_is_the_default_definition():
    compute = load_definition()
    assert (compute.name, compute.service_type, compute.prefix, compute.version_id) == \
        ("compute", "compute", "/v2.1", "v2.1")
    assert compute.history.legacy_header == "X-OpenStack-Nova-API-Version"
    assert compute.plugin_group == "apiframe.api.v21.extensions" and compute.policy_prefix == "os_compute_api"
    assert compute.body_media_types == {"application/json", "application/vnd.openstack.compute+json"}
    assert compute.data is not None and compute.data.name == "compute"


def test_an_unknown_name_says_what_is_installed_and_which_option_to_fix():
    with pytest.raises(StartupError, match=r"no API definition named 'nothing' is installed .*installed: "
                                           r"compute.*check \[api\] name"):
        load_definition("nothing")


def test_check_reports_an_unknown_api_name_once(tmp_path):
    config = tmp_path / "apiframe.conf"
    config.write_text("[api]\nname = nothing\n")
    api, problems = check.find_problems(make_conf(config_files=[str(config)]))
    assert api is None
    assert len(problems) == 1 and problems[0].startswith("no API definition named 'nothing'")


def test_version_id_defaults_to_the_minimum_version():
    assert definition().version_id == "v1.0"
    assert definition(version_id="v1").version_id == "v1"


@pytest.mark.parametrize("prefix", ["/v1/", "v1", "/v 1", "//v1"])
def test_a_malformed_prefix_is_refused(prefix):
    with pytest.raises(ValueError, match="prefix"):
        definition(prefix=prefix)


def test_another_history_keeps_everything_else():
    narrower = VersionHistory("things", None, {"1.0": "first"})
    changed = definition().with_history(narrower)
    assert changed.history is narrower and dataclasses.replace(changed, history=HISTORY) == definition()
    assert definition().with_history(None) == definition()
