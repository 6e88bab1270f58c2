"""Why each duty binds the organisation in each role it holds, or does not (issue 13).

The trace says which rules fired; a founder's lawyer asks the next question: *this* duty,
*this* role, why? For every role held, `duty_reasons` lists each obligation of the
catalogue that names the role and that the facts of this system bear on:

- bound: the rules of the trace that set the facts its condition relies on ("binds you as
  provider because: Annex III 4(a) recruitment"), or, with no condition, "every provider of
  an AI system in scope";
- not bound although a fact it relies on is set: the rules that set the facts its
  condition excludes (Art. 25(2) cooperation does not bind a provider that became one under
  Art. 25(1); the Art. 6(4) record does not bind a system that is high-risk anyway).

Obligations no fact of this system bears on (a GPAI duty for a CV-screening tool) are left
out: listing seventy duties that plainly do not apply would hide the few that matter.
Roles displaced by another (Art. 3(7), Art. 25(1)) are said by the role notes already.
Pure: reads a `Result`, returns plain values.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from actcheck.rules.model import ROLES, AppliesTo, Obligation, Result, Rule, text_in
from actcheck.rules.wording import format_article


@dataclass(frozen=True)
class DutyReason:
    """One obligation for one role held, and the rules that decide it."""

    obligation: Obligation
    role: str
    binds: bool
    rules: tuple[Rule, ...]
    """Bound: the rules that set the facts it relies on. Not bound: those that exclude it."""


def _facts(source: Any, positive: bool = True) -> Iterator[tuple[str, bool]]:
    """The facts a condition tests, each with whether it must hold (False under a `not`)."""
    if not isinstance(source, Mapping):
        return
    if "fact" in source:
        yield str(source["fact"]), positive
    if "not" in source:
        yield from _facts(source["not"], not positive)
    for key in ("all", "any"):
        for part in source.get(key) or ():
            yield from _facts(part, positive)


def duty_reasons(result: Result) -> dict[str, tuple[DutyReason, ...]]:
    """For each role the organisation holds, in the order of ROLES, the duties that bear on it."""
    if result.scope_reason is not None:
        return {}
    setters: dict[str, list[Rule]] = {}
    for rule in result.trace:
        for fact in rule.then.facts:
            setters.setdefault(fact, []).append(rule)
    bound = {(o.obligation.id, o.role) for o in result.obligations}
    out: dict[str, tuple[DutyReason, ...]] = {}
    for role in sorted(result.roles, key=ROLES.index):
        reasons = []
        for obligation in result.ruleset.obligations.values():
            if role not in obligation.roles or obligation.applies_to is AppliesTo.MODEL:
                continue
            tested = list(_facts(obligation.when.source)) if obligation.when else []
            wanted = [f for f, must in tested if must and f in result.facts]
            if (obligation.id, role) in bound:
                rules = _unique(r for f in wanted for r in setters.get(f, ()))
                reasons.append(DutyReason(obligation, role, True, rules))
            elif wanted:
                excluding = [f for f, must in tested if not must and f in result.facts]
                rules = _unique(r for f in excluding for r in setters.get(f, ()))
                reasons.append(DutyReason(obligation, role, False, rules))
        out[role] = tuple(reasons)
    return out


def _unique(rules: Iterator[Rule]) -> tuple[Rule, ...]:
    seen: dict[str, Rule] = {}
    for rule in rules:
        seen.setdefault(rule.id, rule)
    return tuple(seen.values())


def duty_sentences(result: Result, lang: str) -> dict[str, list[str]]:
    """`duty_reasons` in words, one sentence per duty, by role (the labels `duty.*`)."""
    labels = result.ruleset.labels
    out: dict[str, list[str]] = {}
    for role, reasons in duty_reasons(result).items():
        lines = []
        role_name = text_in(labels.get(f"role.{role}"), lang).lower()
        for reason in reasons:
            o = reason.obligation
            values = {
                "duty": text_in(o.title, lang),
                "articles": ", ".join(format_article(a, lang) for a in o.articles),
                "role": role_name,
                "because": "; ".join(_rule_words(r, lang) for r in reason.rules),
            }
            if reason.binds:
                key = "duty.binds" if reason.rules else "duty.binds_every"
            else:
                key = "duty.excluded" if reason.rules else "duty.not_met"
            lines.append(text_in(labels.get(key), lang).format(**values))
        out[role] = lines
    return out


def _rule_words(rule: Rule, lang: str) -> str:
    articles = ", ".join(format_article(a, lang) for a in rule.articles)
    return f"{text_in(rule.title, lang)} ({articles})"
