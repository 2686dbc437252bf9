"""The drift check: the compute client matches the server, and a client that drifts is named precisely."""

from __future__ import annotations

import pytest

from apiframe.client import Action, Body, Param, since
from apiframe.client.plugins import installed_extensions
from apiframe.compute.client import ComputeProxy
from apiframe.compute.client.flavors import Flavor
from apiframe.compute.client.keypairs import Keypair
from apiframe.compute.client.servers import Server
from apiframe.testing.client_drift import assert_client_matches, client_drift


def test_the_compute_client_matches_the_server_at_every_microversion(compute_app):
    assert_client_matches(compute_app.api, ComputeProxy, extensions=installed_extensions())


def drift_of(compute_app, *resources, actions=(), plugins=None) -> list[str]:
    """The findings for a proxy serving only ``resources`` (and ``actions``)."""
    proxy = type("Drifting", (ComputeProxy,), {"resources": resources, "actions": actions})
    return client_drift(compute_app.api, proxy, plugins=plugins)


def test_an_attribute_range_that_differs_is_named_with_its_versions(compute_app):
    class EarlyFlavor(Flavor):
        description = Body("description", str, min_microversion="2.50", create=since("2.55"), commit=True)

    assert drift_of(compute_app, EarlyFlavor, plugins=["flavors"]) == [
        "EarlyFlavor.description ('description'): the client's range 2.50-* includes it, "
        "no response shows it at 2.50-2.54"]


def test_a_server_property_without_attribute_and_a_wrong_type(compute_app):
    class LossyFlavor(Flavor):
        ram = Body("ram", str, create=True)
        is_disabled = None

    problems = sorted(drift_of(compute_app, LossyFlavor, plugins=["flavors"]))
    max_version = compute_app.api.history.max
    assert problems == [
        f"LossyFlavor.ram ('ram'): the server's type ['integer'] is not the client's ['string'] at 2.1-{max_version}",
        f"LossyFlavor: server property 'OS-FLV-DISABLED:disabled' has no client attribute at 2.1-{max_version}"]


def test_request_attributes_are_held_against_the_request_schema(compute_app):
    class PushyKeypair(Keypair):
        fingerprint = Body("fingerprint", str, create=True)
        type = Body("type", str, min_microversion="2.2")

    problems = drift_of(compute_app, PushyKeypair, plugins=["os-keypairs"])
    assert (f"PushyKeypair.fingerprint ('fingerprint'): the client sends it on create, the request schema has no "
            f"such property at 2.1-{compute_app.api.history.max}") in problems
    assert (f"PushyKeypair: create property 'type' has no client attribute with create=True at "
            f"2.2-{compute_app.api.history.max}") in problems


def test_operations_and_query_parameters(compute_app):
    class EditableKeypair(Keypair):
        allow_commit = True
        query = Keypair.query.__class__(limit=Param("limit", min_microversion="2.30"), colour="colour")

    problems = drift_of(compute_app, EditableKeypair, plugins=["os-keypairs"])
    assert "EditableKeypair: allow_commit but the server has no route PUT /os-keypairs/{id}" in problems
    assert "EditableKeypair: query parameter 'limit' ('limit') is not in the server's query schema at 2.30-2.34" \
        in problems
    assert any(p.startswith("EditableKeypair: query parameter 'colour'") for p in problems)
    assert any(p.startswith("EditableKeypair: server query parameter 'user_id' has no client parameter at 2.10")
               for p in problems)


def test_actions_and_uncovered_routes(compute_app):
    class ImpatientServer(Server):
        reboot = Action("reboot", type=Param("type", str), force=Param("force", bool))
        shelve = Action("shelve")

    problems = drift_of(compute_app, ImpatientServer, plugins=["servers", "server-actions"])
    max_version = compute_app.api.history.max
    assert "ImpatientServer action 'shelve': the server has no such action on POST /servers/{id}/action" in problems
    assert ("ImpatientServer action 'reboot': argument 'force' ('force') is not in the body schema at "
            f"2.1-{max_version}") in problems
    assert f"ImpatientServer action 'reboot': the server requires 'type', the client does not at 2.1-{max_version}" \
        in problems
    # Server lists resize and the rest itself; nothing declares the lock-server plugin's actions here.
    assert not any("(lock)" in p for p in problems)
    everything = drift_of(compute_app, Server)
    assert "server route POST /servers/{id}/action (lock) of plugin 'os-lock-server' has no client resource " \
           "operation or action" in everything
    assert "server route GET /os-keypairs of plugin 'os-keypairs' has no client resource operation or action" \
        in everything


def test_a_client_older_than_the_server_is_named(compute_app):
    proxy = type("Old", (ComputeProxy,), {"max_microversion": "2.99", "resources": ()})
    assert f"Old: the server serves up to {compute_app.api.history.max}, the client knows up to 2.99" in \
        client_drift(compute_app.api, proxy, plugins=[])


@pytest.mark.parametrize("attribute", ["is_locked", "tags", "server_groups"])
def test_every_versioned_server_attribute_is_checked(compute_app, attribute):
    shifted = Body(getattr(Server, attribute).wire, getattr(Server, attribute).type, min_microversion="2.2")
    drifting = type("Shifted", (Server,), {attribute: shifted})
    assert any(p.startswith(f"Shifted.{attribute} (") for p in drift_of(compute_app, drifting, plugins=["servers"]))


def test_a_description_that_is_not_the_served_apis_is_named(compute_app):
    from dataclasses import replace

    wrong = replace(ComputeProxy.description, fault_format="errors")
    proxy = type("Misdescribed", (ComputeProxy,), {"resources": (), "description": wrong})
    assert any(p.startswith("Misdescribed: its description") and "fault_format='nova'" in p
               for p in client_drift(compute_app.api, proxy, plugins=[]))
