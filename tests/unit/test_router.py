"""The compiled route table agrees with routes.Mapper and stays correct with shared prefixes."""

import pytest

from apiframe import exception
from apiframe.router import Route, RouteTable

ROUTES = [
    Route("GET", "/servers", "servers", "index"),
    Route("POST", "/servers", "servers", "create"),
    Route("GET", "/servers/detail", "servers", "detail"),
    Route("GET", "/servers/{id}", "servers", "show"),
    Route("PUT", "/servers/{id}", "servers", "update"),
    Route("DELETE", "/servers/{id}", "servers", "delete"),
    Route("POST", "/servers/{id}/action", "servers", "action"),
    Route("GET", "/servers/{server_id}/metadata", "metadata", "index"),
    Route("GET", "/servers/{server_id}/metadata/{id}", "metadata", "show"),
    Route("GET", "/flavors/{id}", "flavors", "show"),
    Route("GET", "", "versions", "version"),
]


@pytest.fixture(scope="module")
def table():
    return RouteTable(ROUTES)


@pytest.mark.parametrize(("method", "path", "operation", "variables", "project"), [
    ("GET", "/servers", "index", {}, None),
    ("GET", "/servers/", "index", {}, None),
    ("GET", "/servers/detail", "detail", {}, None),
    ("GET", "/servers/abc", "show", {"id": "abc"}, None),
    ("POST", "/servers/abc/action", "action", {"id": "abc"}, None),
    ("GET", "/servers/s1/metadata/k1", "show", {"server_id": "s1", "id": "k1"}, None),
    ("GET", "/p1/servers/s1/metadata", "index", {"server_id": "s1"}, "p1"),
    ("GET", "/p1/servers/detail", "detail", {}, "p1"),
    ("GET", "", "version", {}, None),
    ("GET", "/", "version", {}, None),
    ("HEAD", "/flavors/1", "show", {"id": "1"}, None),
])
def test_match(table, method, path, operation, variables, project):
    route, found, project_id = table.match(method, path)
    assert (route.operation, found, project_id) == (operation, variables, project)


@pytest.mark.parametrize("path", ["/nothing", "/servers/a/b/c", "/p1/p2/servers", "/servers/a/metadata/b/c"])
def test_unknown_path_is_404(table, path):
    with pytest.raises(exception.NotFound):
        table.match("GET", path)


def test_wrong_method_is_405_with_allow(table):
    with pytest.raises(exception.MethodNotAllowed) as info:
        table.match("PATCH", "/servers/abc")
    assert info.value.headers == [("Allow", "DELETE, GET, PUT")]


def test_duplicate_route_is_a_startup_error():
    with pytest.raises(exception.StartupError, match="declared twice"):
        RouteTable([Route("GET", "/a", "x", "index"), Route("GET", "/a", "y", "index")])


def test_mapper_holds_the_same_table(table):
    for route in ROUTES:
        path = route.template.replace("{id}", "x1").replace("{server_id}", "s1") or "/"
        match = table.mapper.match(path, environ={"REQUEST_METHOD": route.method})
        assert match is not None and match["operation"] == route.operation, route


def test_many_routes_sharing_a_prefix_still_match():
    routes = [Route("GET", f"/servers/{{id}}/sub{n}", "s", f"op{n}") for n in range(1000)]
    big = RouteTable(routes)
    assert big.match("GET", "/servers/x/sub999")[0].operation == "op999"
