"""``apiframe-api client-stub``: the module it writes is correct code that matches the server."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

from apiframe.cmd.api import main
from apiframe.cmd.client_stub import client_stub, pep8_name
from apiframe.compute import plugin_names
from apiframe.compute.client import ComputeProxy
from apiframe.testing import AppFixture
from apiframe.testing.client_drift import client_drift


@pytest.fixture(scope="module")
def compute_api():
    """The compute API with its own plugins (whatever else is installed)."""
    with AppFixture(plugin_names()) as app:
        yield app.api


def stub_proxy(api, plugin: str) -> type:
    """The compute proxy with the stub's mixin, as the stub module defines it."""
    module = types.ModuleType(f"stub_{plugin}")
    exec(compile(client_stub(api, plugin), f"<stub {plugin}>", "exec"), module.__dict__)
    mixin = next(value for name, value in vars(module).items() if name.endswith("Methods"))
    return type("StubProxy", (mixin, ComputeProxy), {})


@pytest.mark.parametrize("plugin", ["servers", "flavors", "os-keypairs", "server-metadata", "os-server-tags",
                                    "limits", "os-flavor-extra-specs"])
def test_the_stub_of_a_plugin_matches_the_server_at_every_microversion(compute_api, plugin):
    assert client_drift(compute_api, stub_proxy(compute_api, plugin), plugins=[plugin]) == []


def test_a_stub_with_actions_on_another_plugins_resource_says_what_to_fill_in(compute_api):
    text = client_stub(compute_api, "os-lock-server")
    assert 'LOCK = Action("lock")  # TODO: resource=<the servers resource class>' in text
    assert client_drift(compute_api, stub_proxy(compute_api, "os-lock-server"), plugins=["os-lock-server"])[0] == \
        "action 'lock' names no resource (Action(..., resource=...))"


def test_the_stub_is_ruff_clean(compute_api, tmp_path):
    for plugin in ("servers", "os-pause-server", "limits"):
        path = tmp_path / f"{plugin}.py"
        path.write_text(client_stub(compute_api, plugin))
        result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--isolated", "--line-length",
                                 "120", "--select", "E,F,W,I", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout


def test_the_command_prints_or_writes_the_module(capsys, tmp_path):
    assert main(["client-stub", "os-keypairs"]) == 0
    printed = capsys.readouterr().out
    assert "class Keypair(Resource):" in printed and 'list_item_key = "keypair"' in printed
    assert main(["client-stub", "limits", "-o", str(tmp_path / "limits.py")]) == 0
    assert "requires_id = False" in (tmp_path / "limits.py").read_text()


def test_an_unknown_plugin_is_one_clear_line(capsys):
    assert main(["client-stub", "no-such-plugin"]) == 1
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "no loaded plugin has the alias 'no-such-plugin'" in error


@pytest.mark.parametrize(("wire", "name"), [("OS-EXT-STS:vm_state", "vm_state"), ("accessIPv4", "access_ipv4"),
                                            ("changes-since", "changes_since"), ("type", "type"),
                                            ("class", "class_")])
def test_pep8_names(wire, name):
    assert pep8_name(wire) == name
