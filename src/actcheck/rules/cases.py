"""Running example cases (in rule files and in tests/scenarios) against the engine.

A failing case must read like a finding a lawyer can act on: which case, where it is, what
was expected, what came out, and the articles involved. No tracebacks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actcheck.rules.answers import AnswersError, check_answers
from actcheck.rules.engine import assess
from actcheck.rules.loader import _Loader
from actcheck.rules.loading import RulesetError
from actcheck.rules.model import Case, Result, Role, Ruleset
from actcheck.rules.shapes import shape_problems
from actcheck.rules.yamlio import YamlError, line_of, load_yaml


@dataclass(frozen=True)
class Failure:
    case: Case
    problems: tuple[str, ...]
    result: Result | None

    def report(self) -> str:
        lines = [f"{self.case.location}: {self.case.name}"]
        if self.case.decided_by:
            lines.append(f"  decided by: {self.case.decided_by}")
        lines += [f"  - {p}" for p in self.problems]
        if self.result is not None:
            lines.append(
                f"  got: tier={self.result.tier.value} scope_reason={self.result.scope_reason} "
                f"gpai={self.result.gpai.value}"
            )
            lines.append(
                "  rules that fired: " + (", ".join(r.id for r in self.result.trace) or "none")
            )
        return "\n".join(lines)


def rule_cases(ruleset: Ruleset) -> Iterator[Case]:
    """The cases written under `tests:` in the classification rules."""
    for rule in ruleset.rules:
        yield from rule.tests


def scenario_cases(path: Path) -> list[Case]:
    """Read the cases of one scenario file (format of docs/rules-format.md).

    Raises:
        RulesetError: the file is malformed.
    """
    loader = _Loader(root=path.parent)
    loader.where = str(path)
    try:
        doc = load_yaml(path.read_bytes())
    except YamlError as exc:
        raise RulesetError([f"{path}:{exc.line}: {exc.message}"]) from exc
    for line, message in shape_problems(doc, "scenarios"):
        loader.fail(line, message)
    if loader.problems:
        raise RulesetError(loader.problems)
    cases = list(loader.load_cases(doc["cases"] or []))
    for raw in doc["cases"] or []:
        if not raw.get("decided_by"):
            loader.fail(
                line_of(raw), f"case {raw.get('name')!r}: 'decided_by' must name the article"
            )
    if loader.problems:
        raise RulesetError(loader.problems)
    return cases


def check_case(ruleset: Ruleset, case: Case) -> Failure | None:
    """Assess a case's answers (not strict) and compare with what it expects."""
    try:
        checked = check_answers(case.answers, ruleset, strict=False)
    except AnswersError as exc:
        return Failure(case, tuple(f"bad answers: {p}" for p in exc.problems), None)
    result = assess(ruleset, checked.answers, warnings=checked.warnings)
    problems = list(compare(case, result))
    return Failure(case, tuple(problems), result) if problems else None


def compare(case: Case, result: Result) -> Iterable[str]:
    exp = case.expect
    if exp.tier is not None and exp.tier != result.tier.value:
        yield f"tier: expected {exp.tier}, got {result.tier.value}"
    if exp.check_scope_reason and exp.scope_reason != result.scope_reason:
        yield f"scope_reason: expected {exp.scope_reason}, got {result.scope_reason}"
    if exp.gpai is not None and exp.gpai != result.gpai.value:
        yield f"gpai: expected {exp.gpai}, got {result.gpai.value}"
    if exp.needs_review is not None and exp.needs_review != result.needs_review:
        yield f"needs_review: expected {exp.needs_review}, got {result.needs_review}"
    if exp.uncertain is not None and set(exp.uncertain) != set(result.uncertain):
        yield f"uncertain: expected {sorted(exp.uncertain)}, got {sorted(result.uncertain)}"
    held = {(o.obligation.id, o.role) for o in result.obligations}
    ids = {oid for oid, _ in held}
    for ref in exp.obligations_include:
        if not _holds(ref, held, ids):
            ob = result.ruleset.obligations.get(ref.partition("@")[0])
            arts = f" ({', '.join(ob.articles)})" if ob else ""
            yield f"expected obligation {ref}{arts}, not in the result"
    for ref in exp.obligations_exclude:
        if _holds(ref, held, ids):
            yield f"obligation {ref} should not apply, but is in the result"
    dates = {o.obligation.id: o.applies_from.date for o in result.obligations}
    for oid, want in exp.applies_from.items():
        got = dates.get(oid)
        want_date = want if isinstance(want, dt.date) else _date(want)
        if got != want_date:
            yield f"{oid} applies from: expected {want}, got {got}"
    fired = {r.id for r in (*result.trace, *result.warned)}
    for rid in exp.fires:
        if rid not in fired:
            yield f"rule {rid} should fire and did not"
    for rid in exp.not_fires:
        if rid in fired:
            yield f"rule {rid} fired and should not"
    if exp.notes is not None:
        got_notes = tuple(n["question"] for n in result.contradictions_in("en"))
        if got_notes != exp.notes:
            yield f"notes: expected {list(exp.notes)}, got {list(got_notes)}"
    warnings = result.warnings_in("en")
    for text in exp.warnings_include:
        if not any(text in w for w in warnings):
            yield f"no warning contains {text!r}; got {warnings}"


def _holds(ref: str, held: set[tuple[str, Role]], ids: set[str]) -> bool:
    oid, _, role = ref.partition("@")
    return (oid, role) in held if role else oid in ids


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
