"""Policy-in-code: rule defaults, operator overrides and a compiled evaluator.

:class:`PolicyEngine` is built once per application. It registers the defaults in an
oslo.policy ``Enforcer`` that reads nothing but the overrides file it is given, lets
that enforcer parse and merge the rules (deprecations included), and then translates
each parsed check tree into plain Python closures. A check costs a few function calls
instead of oslo.policy's per-node introspection; check kinds the translator does not
know (``http:``, checks from other packages) are evaluated by the enforcer itself, so
the answers are oslo.policy's answers.

The overrides file is looked at no more than once per ``reload_interval`` seconds;
when it has changed, a new rule set is built and swapped in whole.

:func:`list_rules`, :func:`list_compute_rules` and :func:`get_enforcer` are the
``oslo.policy.policies`` and ``oslo.policy.enforcer`` entry points used by
``oslopolicy-sample-generator`` and friends.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterable, Sequence

from oslo_config import cfg
from oslo_policy import policy as oslo_policy
from oslo_policy.policy import PolicyNotRegistered

from apiframe import policy_rules
from apiframe.conf import DEFAULT_API
from apiframe.exception import StartupError
from apiframe.extensions import Extension, PluginContext, blame, load_extensions, plugin_label
from apiframe.policy_compiler import CompiledCheck, Compiler, Creds, Target

__all__ = ["PolicyEngine", "PolicyNotRegistered", "collect_rules", "get_enforcer", "list_compute_rules", "list_rules"]

LOG = logging.getLogger(__name__)

DEFAULT_RELOAD_INTERVAL = 3.0



class PolicyEngine:
    """Answers "may these credentials apply this rule to this target?".

    ``defaults`` are the rules in code; ``policy_file`` (YAML) holds operator overrides
    and may be absent until later. ``reload_interval`` is how many seconds may pass
    before a change of that file is noticed (``None``: never reload).
    """

    def __init__(self, defaults: Sequence[oslo_policy.RuleDefault], policy_file: str | None = None, *,
                 reload_interval: float | None = DEFAULT_RELOAD_INTERVAL) -> None:
        self._defaults = list(defaults)
        self._policy_file = os.path.abspath(policy_file) if policy_file else None
        self._reload_interval = reload_interval
        self._reload_lock = threading.Lock()
        self._file_state = _file_state(self._policy_file)
        self._rule_set = _RuleSet(self._defaults, self._policy_file)
        #: Counts rule-set changes, so callers that remember decisions know when to forget them.
        self.generation = 0
        self._next_check = (None if self._policy_file is None or reload_interval is None
                            else time.monotonic() + reload_interval)

    def authorize(self, rule: str, target: Target, creds: Creds) -> bool:
        """Whether ``rule`` allows ``creds`` on ``target``; raises for an unregistered rule."""
        if self._next_check is not None and time.monotonic() >= self._next_check:
            self._reload_if_changed()
        check = self._rule_set.checks.get(rule)
        if check is None:
            raise PolicyNotRegistered(rule)
        if creds.get("system_scope"):
            # oslo.policy reads a system-scoped token's scope from ``system``.
            creds = {**creds, "system": creds["system_scope"]}
        return check(target, creds)

    def is_registered(self, rule: str) -> bool:
        """Whether ``rule`` is one of the defaults this engine was built with."""
        return rule in self._rule_set.checks

    @property
    def rules(self) -> dict[str, str]:
        """Every registered rule and the check string in force (override or default)."""
        return dict(self._rule_set.check_strings)

    def reload(self) -> None:
        """Re-read the overrides file now (for a reload signal); keeps the old rules on error."""
        with self._reload_lock:
            self._swap_rule_set()

    def _reload_if_changed(self) -> None:
        if not self._reload_lock.acquire(blocking=False):
            return  # another thread is reloading; keep answering from the current rules
        try:
            self._next_check = time.monotonic() + (self._reload_interval or 0.0)
            if _file_state(self._policy_file) != self._file_state:
                self._swap_rule_set()
        finally:
            self._reload_lock.release()

    def _swap_rule_set(self) -> None:
        self._file_state = _file_state(self._policy_file)
        try:
            self._rule_set = _RuleSet(self._defaults, self._policy_file)
            self.generation += 1
        except StartupError:
            LOG.exception("Keeping the previous policy rules")
        else:
            LOG.info("Loaded policy rules from %s", self._policy_file)


class _RuleSet:
    """One immutable generation of rules: the enforcer that parsed them and their closures."""

    def __init__(self, defaults: Sequence[oslo_policy.RuleDefault], policy_file: str | None) -> None:
        self.enforcer = _load_enforcer(defaults, policy_file)
        compiler = Compiler(self.enforcer)
        registered = self.enforcer.registered_rules
        self.checks: dict[str, CompiledCheck] = {
            name: compiler.entry_point(name, default.scope_types) for name, default in registered.items()
        }
        self.check_strings = {name: str(self.enforcer.rules[name]) for name in sorted(registered)}


def _load_enforcer(defaults: Sequence[oslo_policy.RuleDefault],
                   policy_file: str | None) -> oslo_policy.Enforcer:
    conf = cfg.ConfigOpts()
    conf([], project="apiframe", default_config_files=[], default_config_dirs=[], use_env=False)
    enforcer = oslo_policy.Enforcer(
        # Given a relative name the enforcer would search /etc and the home directory;
        # an absolute path is only ever itself, and the empty file stands for "no overrides".
        conf, policy_file=policy_file or os.devnull, use_conf=True)
    conf.set_override("policy_dirs", [], group="oslo_policy")
    try:
        enforcer.register_defaults(defaults)
    except oslo_policy.DuplicatePolicyError as exc:
        raise StartupError(f"policy rule registered twice: {exc}") from exc
    try:
        enforcer.load_rules()
    except (ValueError, AttributeError, OSError) as exc:
        raise StartupError(f"policy file {policy_file}: cannot load it ({exc}); it must be a YAML "
                           f"mapping of rule names to check strings") from exc
    # The rules are loaded; stop the enforcer from re-checking the file on each fallback check.
    enforcer.use_conf = False
    return enforcer


def _file_state(path: str | None) -> tuple[int, int, int] | None:
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


def collect_rules(extensions: Iterable[Extension]) -> list[oslo_policy.RuleDefault]:
    """The base rules followed by every extension's rules; a name defined twice is an error."""
    rules = policy_rules.base_rules()
    owners = dict.fromkeys((rule.name for rule in rules), "apiframe base rules")
    for extension in extensions:
        owner = f"plugin {extension.alias!r}"
        with blame(plugin_label(extension), "get_policies()"):
            defined = list(extension.get_policies())
        for rule in defined:
            if rule.name in owners:
                raise StartupError(f"policy rule {rule.name!r} is defined by both {owners[rule.name]} "
                                   f"and {owner}")
            owners[rule.name] = owner
            rules.append(rule)
    return rules


def list_rules(enabled: Sequence[str] | None = None, api: str = DEFAULT_API) -> list[oslo_policy.RuleDefault]:
    """Every rule an application of API ``api`` (default: the compute API) with the plugins
    ``enabled`` (default: every installed plugin of its group) registers: the base rules, the
    plugins' and the plugin list's (entry point ``apiframe`` for the oslo.policy tools)."""
    from apiframe.definition import load_definition

    definition = load_definition(api)
    plugins = load_extensions(enabled, context=PluginContext(), namespace=definition.plugin_group)
    return [*collect_rules(plugins),
            *policy_rules.extension_list_rules(definition.policy_prefix, [p.alias for p in plugins])]


def list_compute_rules() -> list[oslo_policy.RuleDefault]:
    """The rules of the compute API alone, whatever else is installed (entry point
    ``apiframe.compute`` for the oslo.policy tools; ``etc/policy.yaml`` is its sample)."""
    from apiframe.definition import own_plugin_names

    return list_rules(own_plugin_names(DEFAULT_API))


def get_enforcer() -> oslo_policy.Enforcer:
    """An enforcer with every rule registered, on the global configuration the oslo.policy
    command-line tools have parsed (entry point for ``oslopolicy-checker`` and friends)."""
    enforcer = oslo_policy.Enforcer(cfg.CONF)
    enforcer.register_defaults(list_rules())
    return enforcer
