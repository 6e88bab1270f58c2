"""Which answers made a rule's condition hold: the answers each step of the report's
"why" section rests on."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from actcheck.rules.model import Condition, Result


class Witness:
    """Which answers made a condition hold: the answers a trace step rests on.

    Conditions are evaluated again on their source form, against the resolved answers and
    the final facts, roles and tier of the result (rules only ever add facts, so a fact that
    held when a rule fired still holds at the end). Under `any`, only the branches that hold
    count; under `not`, every answer the negated condition looks at counts.
    """

    def __init__(self, result: Result) -> None:
        self.result = result
        self.named = result.ruleset.conditions

    def answers(self, condition: Condition) -> dict[str, frozenset[str] | None]:
        """Question id -> the choices that mattered (None: the whole answer), in order."""
        found: dict[str, frozenset[str] | None] = {}
        self._collect(condition.source, found)
        return found

    @staticmethod
    def _add(
        found: dict[str, frozenset[str] | None], qid: str, only: frozenset[str] | None
    ) -> None:
        if qid not in found:
            found[qid] = only
            return
        before = found[qid]
        found[qid] = None if before is None or only is None else before | only

    def holds(self, src: Mapping[str, Any]) -> bool:
        got_all = self.result.resolved
        if "answer" in src:
            got = got_all.get(src["answer"])
            if "answered" in src:
                return bool(got)
            if "equals" in src:
                return bool(got == src["equals"])
            if "in" in src:
                return got in src["in"]
            if "contains" in src:
                return isinstance(got, tuple) and src["contains"] in got
            return isinstance(got, tuple) and not set(src["contains_any"]).isdisjoint(got)
        if "all" in src:
            return all(self.holds(s) for s in src["all"])
        if "any" in src:
            return any(self.holds(s) for s in src["any"])
        if "not" in src:
            return not self.holds(src["not"])
        if "condition" in src:
            return self.holds(self.named[src["condition"]].source)
        if "fact" in src:
            return src["fact"] in self.result.facts
        if "role" in src:
            return src["role"] in self.result.roles
        if "tier" in src:
            return bool(self.result.tier.value == src["tier"])
        if "tier_in" in src:
            return self.result.tier.value in src["tier_in"]
        return False

    def _collect(self, src: Mapping[str, Any], out: dict[str, frozenset[str] | None]) -> None:
        if "answer" in src:
            qid = src["answer"]
            got = self.result.resolved.get(qid)
            if got is None:
                return
            only: frozenset[str] | None = None
            if "contains" in src:
                only = frozenset([src["contains"]])
            elif "contains_any" in src and isinstance(got, tuple):
                only = frozenset(src["contains_any"]) & frozenset(got)
            self._add(out, qid, only)
        elif "all" in src:
            for s in src["all"]:
                self._collect(s, out)
        elif "any" in src:
            for s in src["any"]:
                if self.holds(s):
                    self._collect(s, out)
        elif "not" in src:
            self._mentioned(src["not"], out)
        elif "condition" in src:
            self._collect(self.named[src["condition"]].source, out)

    def _mentioned(self, src: Any, out: dict[str, frozenset[str] | None]) -> None:
        if isinstance(src, Mapping):
            if "answer" in src and src["answer"] in self.result.resolved:
                self._add(out, src["answer"], None)
            if "condition" in src:
                self._mentioned(self.named[src["condition"]].source, out)
            for value in src.values():
                if isinstance(value, Mapping | list):
                    self._mentioned(value, out)
        elif isinstance(src, list):
            for item in src:
                self._mentioned(item, out)
