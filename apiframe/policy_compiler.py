"""Translating oslo.policy's parsed rules into plain Python predicates.

oslo.policy evaluates a rule by walking its check tree and introspecting each node
(``inspect.getfullargspec`` per check): tens of microseconds per decision. A
:class:`Compiler` walks the tree once and returns closures ``(target, creds) -> bool``
with the same answers; a check kind it does not know (``http:``, checks from other
packages) makes the whole rule fall back to the enforcer, so the answers stay
oslo.policy's. A property test compares both over random rules and credentials.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from oslo_policy import _checks
from oslo_policy import policy as oslo_policy

from apiframe.exception import StartupError

Target = Mapping[str, Any]
Creds = Mapping[str, Any]
CompiledCheck = Callable[[Target, Creds], bool]


class Compiler:
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
