"""The compute plugins open their shared services when the application starts and release them when it stops."""

from compute_testlib import start_compute_app

from apiframe.compute.services import SERVICES_KEY


def test_services_exist_before_the_first_request_and_go_with_the_app():
    app = start_compute_app(["flavors", "limits"])
    context = app.context
    services = context.services[SERVICES_KEY]
    assert services.database.url.render_as_string(hide_password=False) == app.database_url
    app.stop()
    assert SERVICES_KEY not in context.services
