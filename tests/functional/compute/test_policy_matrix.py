"""Every compute route against every persona, and the harness's whole-API checks.

The matrix below names each route of the compute plugins with the request that exercises
it on real resources of the tenant, and the status each persona gets: the member and the
administrator succeed where the rules let them, the reader only reads, a member of
another project finds none of the tenant's servers (404) and the anonymous caller is
always refused (401).
"""

from __future__ import annotations

import pytest
from compute_testlib import IMAGE_ID, new_flavor, unique

from apiframe.testing import assert_policies, assert_refused, assert_schemas, plugin_routes

OK = "ok"  # any 2xx

# persona order: admin, member, reader, other-project, anonymous
_READ_SERVER = (OK, OK, OK, 404, 401)
_CHANGE_SERVER = (OK, OK, 403, 404, 401)
_READ_ANY = (OK, OK, OK, OK, 401)
_OWN_WRITE = (OK, OK, 403, OK, 401)
_ADMIN_ONLY = (OK, 403, 403, 403, 401)
PERSONAS = ("admin", "member", "reader", "other-project", "anonymous")

#: route label -> (version, method, path template, body, statuses per persona)
MATRIX = {
    "GET /servers": ("2.1", "GET", "/servers", None, _READ_ANY),
    "GET /servers/detail": ("2.1", "GET", "/servers/detail", None, _READ_ANY),
    "POST /servers": ("2.1", "POST", "/servers",
                      {"server": {"name": "m", "flavorRef": "1", "imageRef": IMAGE_ID}}, _OWN_WRITE),
    "GET /servers/{id}": ("2.1", "GET", "/servers/{server}", None, _READ_SERVER),
    "PUT /servers/{id}": ("2.1", "PUT", "/servers/{server}", {"server": {"name": "n"}}, _CHANGE_SERVER),
    "DELETE /servers/{id}": ("2.1", "DELETE", "/servers/{server}", None, _CHANGE_SERVER),
    "POST /servers/{id}/action (reboot)": ("2.1", "POST", "/servers/{server}/action",
                                           {"reboot": {"type": "HARD"}}, _CHANGE_SERVER),
    "POST /servers/{id}/action (os-stop)": ("2.1", "POST", "/servers/{server}/action", {"os-stop": None},
                                            _CHANGE_SERVER),
    "POST /servers/{id}/action (os-start)": ("2.1", "POST", "/servers/{stopped}/action", {"os-start": None},
                                             _CHANGE_SERVER),
    "POST /servers/{id}/action (resize)": ("2.1", "POST", "/servers/{server}/action",
                                           {"resize": {"flavorRef": "2"}}, _CHANGE_SERVER),
    "POST /servers/{id}/action (confirmResize)": ("2.1", "POST", "/servers/{resized}/action",
                                                  {"confirmResize": None}, _CHANGE_SERVER),
    "POST /servers/{id}/action (revertResize)": ("2.1", "POST", "/servers/{resized}/action",
                                                 {"revertResize": None}, _CHANGE_SERVER),
    "POST /servers/{id}/action (createImage)": ("2.1", "POST", "/servers/{server}/action",
                                                {"createImage": {"name": "i"}}, _CHANGE_SERVER),
    "POST /servers/{id}/action (lock)": ("2.1", "POST", "/servers/{server}/action", {"lock": None},
                                         _CHANGE_SERVER),
    "POST /servers/{id}/action (unlock)": ("2.1", "POST", "/servers/{locked}/action", {"unlock": None},
                                           _CHANGE_SERVER),
    "POST /servers/{id}/action (pause)": ("2.1", "POST", "/servers/{server}/action", {"pause": None},
                                          _CHANGE_SERVER),
    "POST /servers/{id}/action (unpause)": ("2.1", "POST", "/servers/{paused}/action", {"unpause": None},
                                            _CHANGE_SERVER),
    "POST /servers/{id}/action (suspend)": ("2.1", "POST", "/servers/{server}/action", {"suspend": None},
                                            _CHANGE_SERVER),
    "POST /servers/{id}/action (resume)": ("2.1", "POST", "/servers/{suspended}/action", {"resume": None},
                                           _CHANGE_SERVER),
    "GET /servers/{server_id}/metadata": ("2.1", "GET", "/servers/{server}/metadata", None, _READ_SERVER),
    "POST /servers/{server_id}/metadata": ("2.1", "POST", "/servers/{server}/metadata",
                                           {"metadata": {"a": "b"}}, _CHANGE_SERVER),
    "PUT /servers/{server_id}/metadata": ("2.1", "PUT", "/servers/{server}/metadata", {"metadata": {"a": "b"}},
                                          _CHANGE_SERVER),
    "GET /servers/{server_id}/metadata/{id}": ("2.1", "GET", "/servers/{server}/metadata/k", None, _READ_SERVER),
    "PUT /servers/{server_id}/metadata/{id}": ("2.1", "PUT", "/servers/{server}/metadata/k", {"meta": {"k": "w"}},
                                               _CHANGE_SERVER),
    "DELETE /servers/{server_id}/metadata/{id}": ("2.1", "DELETE", "/servers/{server}/metadata/k", None,
                                                  _CHANGE_SERVER),
    "GET /servers/{server_id}/tags": ("2.26", "GET", "/servers/{server}/tags", None, _READ_SERVER),
    "PUT /servers/{server_id}/tags": ("2.26", "PUT", "/servers/{server}/tags", {"tags": ["a"]}, _CHANGE_SERVER),
    "DELETE /servers/{server_id}/tags": ("2.26", "DELETE", "/servers/{server}/tags", None, _CHANGE_SERVER),
    "GET /servers/{server_id}/tags/{id}": ("2.26", "GET", "/servers/{server}/tags/t", None, _READ_SERVER),
    "PUT /servers/{server_id}/tags/{id}": ("2.26", "PUT", "/servers/{server}/tags/{unique}", None, _CHANGE_SERVER),
    "DELETE /servers/{server_id}/tags/{id}": ("2.26", "DELETE", "/servers/{server}/tags/t", None,
                                              _CHANGE_SERVER),
    "GET /flavors": ("2.1", "GET", "/flavors", None, _READ_ANY),
    "GET /flavors/detail": ("2.1", "GET", "/flavors/detail", None, _READ_ANY),
    "GET /flavors/{id}": ("2.1", "GET", "/flavors/{flavor}", None, _READ_ANY),
    "POST /flavors": ("2.1", "POST", "/flavors", {"flavor": {"name": "{unique}", "ram": 1, "vcpus": 1,
                                                             "disk": 1, "id": "{unique}"}}, _ADMIN_ONLY),
    "PUT /flavors/{id}": ("2.55", "PUT", "/flavors/{flavor}", {"flavor": {"description": "d"}}, _ADMIN_ONLY),
    "DELETE /flavors/{id}": ("2.1", "DELETE", "/flavors/{flavor}", None, _ADMIN_ONLY),
    "POST /flavors/{id}/action (addTenantAccess)": ("2.1", "POST", "/flavors/{private}/action",
                                                    {"addTenantAccess": {"tenant": "{unique}"}}, _ADMIN_ONLY),
    "POST /flavors/{id}/action (removeTenantAccess)": ("2.1", "POST", "/flavors/{private}/action",
                                                       {"removeTenantAccess": {"tenant": "{project}"}},
                                                       _ADMIN_ONLY),
    "GET /flavors/{flavor_id}/os-flavor-access": ("2.1", "GET", "/flavors/{private}/os-flavor-access", None,
                                                  _ADMIN_ONLY),
    "GET /flavors/{flavor_id}/os-extra_specs": ("2.1", "GET", "/flavors/{flavor}/os-extra_specs", None,
                                                _READ_ANY),
    "POST /flavors/{flavor_id}/os-extra_specs": ("2.1", "POST", "/flavors/{flavor}/os-extra_specs",
                                                 {"extra_specs": {"a": "b"}}, _ADMIN_ONLY),
    "GET /flavors/{flavor_id}/os-extra_specs/{id}": ("2.1", "GET", "/flavors/{flavor}/os-extra_specs/k", None,
                                                     _READ_ANY),
    "PUT /flavors/{flavor_id}/os-extra_specs/{id}": ("2.1", "PUT", "/flavors/{flavor}/os-extra_specs/k",
                                                     {"k": "w"}, _ADMIN_ONLY),
    "DELETE /flavors/{flavor_id}/os-extra_specs/{id}": ("2.1", "DELETE", "/flavors/{flavor}/os-extra_specs/k",
                                                        None, _ADMIN_ONLY),
    "GET /os-keypairs": ("2.2", "GET", "/os-keypairs", None, _READ_ANY),
    "POST /os-keypairs": ("2.2", "POST", "/os-keypairs", {"keypair": {"name": "{unique}"}}, _READ_ANY),
    "GET /os-keypairs/{id}": ("2.2", "GET", "/os-keypairs/{keypair}", None, _READ_ANY),
    "DELETE /os-keypairs/{id}": ("2.2", "DELETE", "/os-keypairs/{keypair}", None, _READ_ANY),
    "GET /limits": ("2.1", "GET", "/limits", None, _READ_ANY),
}


def test_matrix_covers_every_route(compute_app):
    labels = {route.label for route in plugin_routes(compute_app.api)}
    assert labels == set(MATRIX), f"missing: {sorted(labels - set(MATRIX))}; stale: {sorted(set(MATRIX) - labels)}"


class Resources(dict):
    """The resources one request of the matrix names, each created fresh on first use."""

    def __init__(self, tenant, persona: str) -> None:
        super().__init__(unique=unique("m"), project=tenant.project_id)
        self.tenant, self.persona = tenant, persona
        self.admin = tenant.client("admin", "2.26")

    def __missing__(self, name: str) -> str:
        self[name] = getattr(self, "_" + name)()
        return self[name]

    def _new_server(self, *actions) -> str:
        server_id = self.tenant.create_server(metadata={"k": "v"})["id"]
        self.admin.put(f"/servers/{server_id}/tags", {"tags": ["t"]})
        for action in actions:
            self.admin.post(f"/servers/{server_id}/action", action, status=202)
        return server_id

    def _server(self) -> str:
        return self._new_server()

    def _stopped(self) -> str:
        return self._new_server({"os-stop": None})

    def _resized(self) -> str:
        return self._new_server({"resize": {"flavorRef": "2"}})

    def _paused(self) -> str:
        return self._new_server({"pause": None})

    def _suspended(self) -> str:
        return self._new_server({"suspend": None})

    def _locked(self) -> str:
        server_id = self._new_server()
        self.tenant.client().post(f"/servers/{server_id}/action", {"lock": None}, status=202)
        return server_id

    def _flavor(self) -> str:
        flavor_id = new_flavor(self.admin)["id"]
        self.admin.post(f"/flavors/{flavor_id}/os-extra_specs", {"extra_specs": {"k": "v"}})
        return flavor_id

    def _private(self) -> str:
        flavor_id = new_flavor(self.admin, **{"os-flavor-access:is_public": False})["id"]
        self.admin.post(f"/flavors/{flavor_id}/action", {"addTenantAccess": {"tenant": self.tenant.project_id}})
        return flavor_id

    def _keypair(self) -> str:
        name = unique("key")
        if self.persona != "anonymous":
            self.tenant.client(self.persona, "2.2").post("/os-keypairs", {"keypair": {"name": name}}, status=201)
        return name


def _fill(value, resources):
    if isinstance(value, str):
        return value.format_map(resources)
    if isinstance(value, dict):
        return {_fill(k, resources): _fill(v, resources) for k, v in value.items()}
    return value


@pytest.mark.parametrize("persona", PERSONAS)
def test_policy_matrix(tenant, persona):
    tenant.set_quota("instances", -1)
    tenant.set_quota("cores", -1)
    tenant.set_quota("ram", -1)
    failures = []
    for label, (version, method, path, body, statuses) in MATRIX.items():
        expected = statuses[PERSONAS.index(persona)]
        resources = Resources(tenant, persona)
        resp = tenant.client(persona, version).request(method, _fill(path, resources), _fill(body, resources),
                                                        status="*")
        ok = 200 <= resp.status_int < 300 if expected == OK else resp.status_int == expected
        if not ok:
            failures.append(f"{label} as {persona}: expected {expected}, got {resp.status} {resp.text[:150]}")
    assert not failures, "\n".join(failures)


def test_every_route_has_schemas_and_a_policy(compute_app):
    assert_schemas(compute_app.api)
    assert_policies(compute_app.api)


@pytest.mark.parametrize("persona", ["anonymous", "reader", "other-project", "member"])
def test_routes_refuse_who_the_rules_refuse(compute_app, persona):
    probed = assert_refused(compute_app, persona)
    if persona == "anonymous":
        assert len(probed) == len(MATRIX)
