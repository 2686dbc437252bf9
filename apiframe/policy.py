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

:func:`list_rules` and :func:`get_enforcer` are the ``oslo.policy.policies`` and
``oslo.policy.enforcer`` entry points used by ``oslopolicy-sample-generator`` and friends.
"""

from __future__ import annotations

import ast
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from oslo_config import cfg
from oslo_policy import _checks
from oslo_policy import policy as oslo_policy
from oslo_policy.policy import PolicyNotRegistered

from apiframe import policy_rules
from apiframe.exception import StartupError

if TYPE_CHECKING:
    from apiframe.extensions import Extension

__all__ = ["PolicyEngine", "PolicyNotRegistered", "collect_rules", "get_enforcer", "list_rules"]

LOG = logging.getLogger(__name__)

DEFAULT_RELOAD_INTERVAL = 3.0

Target = Mapping[str, Any]
Creds = Mapping[str, Any]
CompiledCheck = Callable[[Target, Creds], bool]


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
        compiler = _Compiler(self.enforcer)
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


class _Compiler:
    """Translates oslo.policy check trees into closures ``(target, creds) -> bool``."""

    def __init__(self, enforcer: oslo_policy.Enforcer) -> None:
        self._enforcer = enforcer
        self._rules = enforcer.rules
        self._compiled: dict[str, CompiledCheck | None] = {}
        self._in_progress: set[str] = set()

    def entry_point(self, name: str, scope_types: Sequence[str] | None) -> CompiledCheck:
        """The check run for a registered rule: scope first, then the rule itself."""
        check = self._rule(name)
        if check is None:
            return self._delegate(name)
        if not scope_types:
            return check
        scopes = frozenset(scope_types)

        def scoped(target: Target, creds: Creds) -> bool:
            if creds.get("system"):
                scope = "system"
            elif creds.get("domain_id"):
                scope = "domain"
            else:
                scope = "project"
            return scope in scopes and check(target, creds)

        return scoped

    def _delegate(self, name: str) -> CompiledCheck:
        enforcer = self._enforcer

        def delegated(target: Target, creds: Creds) -> bool:
            return bool(enforcer.enforce(name, target, dict(creds)))

        return delegated

    def _rule(self, name: str) -> CompiledCheck | None:
        """The closure of a named rule, or ``None`` if some part of it cannot be compiled."""
        if name in self._compiled:
            return self._compiled[name]
        if name in self._in_progress:
            # oslo.policy would recurse until the stack runs out on every check.
            raise StartupError(f"policy rule {name!r} refers to itself through 'rule:' checks "
                               f"({', '.join(sorted(self._in_progress))})")
        self._in_progress.add(name)
        try:
            compiled = self._check(self._rules[name])
        finally:
            self._in_progress.discard(name)
        self._compiled[name] = compiled
        return compiled

    def _check(self, check: _checks.BaseCheck) -> CompiledCheck | None:
        kind = type(check)
        if kind is _checks.TrueCheck:
            return _allow
        if kind is _checks.FalseCheck:
            return _deny
        if kind in (_checks.AndCheck, _checks.OrCheck):
            parts = [self._check(part) for part in check.rules]
            if any(part is None for part in parts):
                return None
            return _all_of(parts) if kind is _checks.AndCheck else _any_of(parts)
        if kind is _checks.NotCheck:
            inner = self._check(check.rule)
            return None if inner is None else _negation(inner)
        if kind is _checks.RuleCheck:
            return self._reference(check.match)
        if kind is _checks.RoleCheck:
            return _role_check(check.match)
        if kind is _checks.GenericCheck:
            return _generic_check(check.kind, check.match)
        return None

    def _reference(self, name: str) -> CompiledCheck | None:
        if name in self._rules:
            return self._rule(name)
        default = self._enforcer.default_rule
        # As oslo.policy's Rules: an unknown rule means the default rule, if there is one.
        if isinstance(default, str) and default in self._rules:
            return self._rule(default)
        return _deny


def _allow(target: Target, creds: Creds) -> bool:
    return True


def _deny(target: Target, creds: Creds) -> bool:
    return False


def _all_of(parts: list[CompiledCheck]) -> CompiledCheck:
    if len(parts) == 2:
        first, second = parts
        return lambda target, creds: first(target, creds) and second(target, creds)

    def all_of(target: Target, creds: Creds) -> bool:
        return all(part(target, creds) for part in parts)

    return all_of


def _any_of(parts: list[CompiledCheck]) -> CompiledCheck:
    if len(parts) == 2:
        first, second = parts
        return lambda target, creds: first(target, creds) or second(target, creds)

    def any_of(target: Target, creds: Creds) -> bool:
        return any(part(target, creds) for part in parts)

    return any_of


def _negation(inner: CompiledCheck) -> CompiledCheck:
    return lambda target, creds: not inner(target, creds)


def _matcher(match: str) -> Callable[[Target], str | None]:
    """The value a check compares with: ``match`` with ``%(key)s`` taken from the target."""
    if "%" not in match:
        return lambda target: match

    def substituted(target: Target) -> str | None:
        try:
            return match % target
        except KeyError:
            return None  # the target lacks the key: the check fails

    return substituted


def _role_check(match: str) -> CompiledCheck:
    expected = _matcher(match)

    if "%" not in match:
        constant = match.lower()

        def role_constant(target: Target, creds: Creds) -> bool:
            if "roles" in creds:
                for have in creds["roles"]:
                    if have.lower() == constant:
                        return True
            return False

        return role_constant

    def role(target: Target, creds: Creds) -> bool:
        wanted = expected(target)
        if wanted is None or "roles" not in creds:
            return False
        wanted = wanted.lower()
        return any(have.lower() == wanted for have in creds["roles"])

    return role


def _generic_check(kind: str, match: str) -> CompiledCheck | None:
    expected = _matcher(match)
    try:
        literal = str(ast.literal_eval(kind))
    except ValueError:
        path = kind.split(".")
    except Exception:
        return None  # oslo.policy raises this at check time; let it be the one to do so
    else:
        return lambda target, creds: expected(target) == literal

    def generic(target: Target, creds: Creds) -> bool:
        wanted = expected(target)
        return wanted is not None and _found(creds, path, wanted)

    return generic


def _found(value: Any, path: list[str], wanted: str) -> bool:
    """Whether ``wanted`` is at ``path`` in the credentials; lists match any element."""
    if not path:
        return wanted == str(value)
    try:
        value = value[path[0]]
    except KeyError:
        return False
    if isinstance(value, list):
        return any(_found(item, path[1:], wanted) for item in value)
    return _found(value, path[1:], wanted)


def collect_rules(extensions: Iterable[Extension]) -> list[oslo_policy.RuleDefault]:
    """The base rules followed by every extension's rules; a name defined twice is an error."""
    rules = policy_rules.base_rules()
    owners = dict.fromkeys((rule.name for rule in rules), "apiframe base rules")
    for extension in extensions:
        owner = f"plugin {extension.alias!r}"
        for rule in extension.get_policies():
            if rule.name in owners:
                raise StartupError(f"policy rule {rule.name!r} is defined by both {owners[rule.name]} "
                                   f"and {owner}")
            owners[rule.name] = owner
            rules.append(rule)
    return rules


def list_rules() -> list[oslo_policy.RuleDefault]:
    """Every rule an application of the installed plugins registers: the base rules, the
    plugins' and the extension list's (entry point for the oslo.policy tools)."""
    from apiframe.extensions import PluginContext, load_extensions
    from apiframe.versions import ExtensionInfo

    context = PluginContext()
    plugins = load_extensions(context=context)
    return collect_rules([*plugins, ExtensionInfo(context, plugins)])


def get_enforcer() -> oslo_policy.Enforcer:
    """An enforcer with every rule registered, on the global configuration the oslo.policy
    command-line tools have parsed (entry point for ``oslopolicy-checker`` and friends)."""
    enforcer = oslo_policy.Enforcer(cfg.CONF)
    enforcer.register_defaults(list_rules())
    return enforcer
