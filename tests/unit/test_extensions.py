"""Plugin ordering and every way loading plugins can fail."""

import sys
import textwrap

import pytest
import stevedore

from apiframe.app import build_api
from apiframe.conf import make_conf
from apiframe.exception import StartupError
from apiframe.extensions import NAMESPACE, Extension, PluginContext, load_extensions, order_plugins, plugin_label


def plugin(alias, requires=()):
    cls = type(alias.title().replace("-", ""), (Extension,), {"name": alias, "alias": alias,
                                                             "requires": tuple(requires)})
    return cls(PluginContext())


def aliases(plugins):
    return [p.alias for p in plugins]


def test_order_is_by_alias_when_independent():
    assert aliases(order_plugins([plugin("cc"), plugin("aa"), plugin("bb")])) == ["aa", "bb", "cc"]


def test_requirements_load_first():
    ordered = order_plugins([plugin("aa", ["zz"]), plugin("zz", ["mm"]), plugin("mm")])
    assert aliases(ordered) == ["mm", "zz", "aa"]


def test_order_does_not_depend_on_input_order():
    items = [plugin("aa", ["zz"]), plugin("zz"), plugin("bb")]
    assert aliases(order_plugins(items)) == aliases(order_plugins(list(reversed(items))))


def test_missing_requirement_names_the_plugin():
    with pytest.raises(StartupError, match="plugin 'aa' requires zz"):
        order_plugins([plugin("aa", ["zz"])])


def test_cycle_is_reported():
    with pytest.raises(StartupError, match="cycle: aa -> bb -> aa"):
        order_plugins([plugin("aa", ["bb"]), plugin("bb", ["aa"])])


def test_duplicate_alias_is_refused():
    with pytest.raises(StartupError, match="both use alias 'aa'"):
        order_plugins([plugin("aa"), plugin("aa")])


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """Install a distribution's metadata (entry points) and modules into a fresh sys.path entry."""
    def install(entry_points, modules):
        dist = tmp_path / "loadertest_plugins-1.0.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: loadertest-plugins\nVersion: 1.0\n")
        lines = "\n".join(f"{name} = {target}" for name, target in entry_points.items())
        (dist / "entry_points.txt").write_text(f"[{NAMESPACE}]\n{lines}\n")
        for name, source in modules.items():
            (tmp_path / f"{name}.py").write_text(textwrap.dedent(source))
        monkeypatch.syspath_prepend(str(tmp_path))
        # stevedore memoizes entry points per group for the life of the process.
        monkeypatch.setattr(stevedore.ExtensionManager, "ENTRY_POINT_CACHE", {})
        for name in modules:
            sys.modules.pop(name, None)
    return install


GOOD = """
from apiframe.extensions import Extension

class Good(Extension):
    name = "Good"
    alias = "good"

class BadAlias(Extension):
    name = "Bad"
    alias = "Bad_Alias"

class NotAPlugin:
    pass
"""


def test_enabled_plugin_loads_from_entry_point(installed):
    installed({"good": "loadertest_good:Good"}, {"loadertest_good": GOOD})
    assert aliases(load_extensions(["good"])) == ["good"]


def test_import_failure_stops_startup_naming_the_plugin(installed):
    installed({"good": "loadertest_good:Good", "broken": "loadertest_broken:Broken"},
              {"loadertest_good": GOOD, "loadertest_broken": "raise ImportError('no such thing')\n"})
    with pytest.raises(StartupError, match=r"^plugin 'broken' \(loadertest_broken:Broken\) failed to load: "
                                           r"ImportError: no such thing$"):
        load_extensions(["good", "broken"])


FAILING = """
from apiframe.extensions import ControllerExtension, Extension


class Failing(Extension):
    name = "Failing"
    alias = "failing"


class InInit(Failing):
    def __init__(self, context):
        raise RuntimeError("no\\nconfiguration")


class InResources(Failing):
    def get_resources(self):
        return {}["missing"]


class InPolicies(Failing):
    def get_policies(self):
        raise ValueError("rules file unreadable")


class InExtensions(Failing):
    def get_controller_extensions(self):
        raise OSError(2, "No such file or directory")


class InFragments(Failing):
    def get_schema_fragments(self):
        return 1 / 0


class InAssembly(Failing):
    def get_resources(self):
        return ["not a ResourceSpec"]
"""


@pytest.mark.parametrize(("target", "cause"), [
    ("InInit", "creating the plugin failed: RuntimeError: no configuration"),
    ("InResources", "get_resources() failed: KeyError: 'missing'"),
    ("InPolicies", "get_policies() failed: ValueError: rules file unreadable"),
    ("InExtensions", "get_controller_extensions() failed: FileNotFoundError: [Errno 2] No such file or directory"),
    ("InFragments", "get_schema_fragments() failed: ZeroDivisionError: division by zero"),
    ("InAssembly", "assembly failed: AttributeError: 'str' object has no attribute 'collection'"),
])
def test_an_error_in_a_plugin_names_its_entry_point_in_one_line(installed, target, cause):
    installed({"failing": f"loadertest_failing:{target}"}, {"loadertest_failing": FAILING})
    conf = make_conf()
    conf.set_override("enabled_plugins", ["failing"], group="api")
    with pytest.raises(StartupError) as caught:
        build_api(conf)
    assert str(caught.value) == f"plugin 'failing' (loadertest_failing:{target}): {cause}"
    assert caught.value.__cause__ is not None  # the traceback is kept for --debug


def test_a_plugin_is_labelled_by_its_entry_point_or_else_its_class(installed):
    installed({"good-one": "loadertest_good:Good"}, {"loadertest_good": GOOD})
    [loaded] = load_extensions(["good-one"])
    assert plugin_label(loaded) == "plugin 'good-one' (loadertest_good:Good)"
    assert plugin_label(plugin("aa")) == "plugin 'aa' (test_extensions:Aa)"


def test_import_failure_can_be_skipped(installed):
    installed({"good": "loadertest_good:Good", "broken": "loadertest_broken:Broken"},
              {"loadertest_good": GOOD, "loadertest_broken": "raise ImportError('no such thing')\n"})
    assert aliases(load_extensions(["good", "broken"], skip_failed=True)) == ["good"]


def test_enabled_but_not_installed_is_an_error(installed):
    installed({"good": "loadertest_good:Good"}, {"loadertest_good": GOOD})
    with pytest.raises(StartupError, match="not installed: absent"):
        load_extensions(["good", "absent"])


def test_bad_alias_is_refused(installed):
    installed({"badalias": "loadertest_good:BadAlias"}, {"loadertest_good": GOOD})
    with pytest.raises(StartupError, match="alias 'Bad_Alias'"):
        load_extensions(["badalias"])


def test_non_extension_class_is_refused(installed):
    installed({"notaplugin": "loadertest_good:NotAPlugin"}, {"loadertest_good": GOOD})
    with pytest.raises(StartupError, match="not an apiframe Extension"):
        load_extensions(["notaplugin"])


def test_description_is_first_docstring_paragraph():
    class Documented(Extension):
        """Line one
        continues.

        Details."""
    assert Documented(PluginContext()).description == "Line one         continues."
