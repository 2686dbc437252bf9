"""Plugins' start and stop hooks: run when an application is built to serve and torn down."""

from apiframe.app import build_api
from apiframe.conf import make_conf
from apiframe.extensions import Extension
from apiframe.testing import AppFixture


class Recorder(Extension):
    """Records its hooks in ``events``."""

    events: list[tuple[str, str]] = []

    def start(self):
        self.events.append(("start", self.alias))

    def stop(self):
        self.events.append(("stop", self.alias))


def recorder(alias, requires=()):
    """A plugin class recording under ``alias``, loaded after ``requires``."""
    return type(alias.title(), (Recorder,), {"name": alias.title(), "alias": alias, "requires": requires})


First = recorder("zfirst")
Second = recorder("second", requires=("zfirst",))


def test_hooks_run_in_load_order_and_stop_in_reverse():
    Recorder.events = []
    app = AppFixture([Second, First]).start()
    assert Recorder.events == [("start", "zfirst"), ("start", "second")]
    app.stop()
    assert Recorder.events[2:] == [("stop", "second"), ("stop", "zfirst")]


def test_tools_that_only_inspect_an_api_start_nothing():
    Recorder.events = []
    conf = make_conf()
    build_api(conf, plugins=[First(None), Second(None)])
    assert Recorder.events == []
