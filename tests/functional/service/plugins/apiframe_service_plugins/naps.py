"""Naps: ``GET /v2.1/naps/{seconds}`` answers after sleeping that long (at most 10 s).

A request that is still running when the server is told to stop shows whether the
shutdown is graceful.
"""

import time

from oslo_policy import policy

from apiframe import exception, wsgi
from apiframe.extensions import Extension, ResourceSpec
from apiframe.policy_rules import PROJECT_READER_OR_ADMIN

MAX_SECONDS = 10.0


class NapsController(wsgi.Controller):
    """Sleeps on request."""

    @wsgi.policy("service-tests:naps:show")
    @wsgi.expected_errors(400)
    def show(self, req, id):
        try:
            seconds = float(id)
        except ValueError:
            raise exception.BadRequest(f"{id!r} is not a number of seconds") from None
        time.sleep(min(max(seconds, 0.0), MAX_SECONDS))
        return {"nap": {"seconds": seconds}}


class Naps(Extension):
    """Slow requests for shutdown tests."""

    name = "Naps"
    alias = "naps"

    def get_resources(self):
        return [ResourceSpec("naps", NapsController())]

    def get_policies(self):
        return [policy.RuleDefault("service-tests:naps:show", PROJECT_READER_OR_ADMIN)]
