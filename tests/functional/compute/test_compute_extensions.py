"""``GET /extensions``: the plugins this deployment loaded, as the compute API lists extensions."""

from __future__ import annotations

from compute_testlib import samples

from apiframe.testing import assert_fault

COMPUTE_ALIASES = {"flavors", "os-flavor-access", "os-flavor-extra-specs", "os-keypairs", "limits",
                   "os-lock-server", "os-pause-server", "server-actions", "server-metadata", "os-server-tags",
                   "servers", "os-suspend-server"}
SAMPLES = samples("extensions")


def test_every_compute_plugin_is_listed(tenant):
    extensions = tenant.client().get("/extensions").json["extensions"]
    aliases = {extension["alias"] for extension in extensions}
    assert aliases >= COMPUTE_ALIASES
    for extension in extensions:
        assert set(extension) == {"name", "alias", "description", "namespace", "updated", "links"}


def test_show_one_extension(tenant):
    client = tenant.client()
    SAMPLES.call(client, "GET", "/extensions/os-keypairs", response="extensions-get-resp")
    assert_fault(client.get("/extensions/no-such-plugin", status=404), 404, "itemNotFound")


def test_anonymous_is_refused(tenant):
    assert_fault(tenant.client("anonymous").get("/extensions", status=401), 401, "unauthorized")
