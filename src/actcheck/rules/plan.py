"""What the engine reads on every assessment, derived once per rule set.

The engine assesses tens of thousands of answer sets a second (the API, the web pages, every
`unsure` answer read the other way), so what does not depend on the answers is worked out
here once, kept with the rule set (`Ruleset.plan`), and only read afterwards:

- the questionnaire as flat steps: each section's condition, then each question's own
  condition and its stricter reading of `unsure`;
- each classification rule and obligation with what it needs: the (question, value) pairs
  or facts one of which its condition requires (`needs`), so the many that cannot apply to
  the answers given are passed over without running their condition;
- each obligation with its roles as a set and its results made in advance, one per date and
  role (results are immutable, so every assessment shares them).

Nothing here decides anything: every rule that may fire still runs its own condition, and
the results are those of the conditions alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from actcheck.rules.model import (
    AnswerValue,
    AppliesTo,
    Condition,
    Effect,
    ObligationResult,
    Predicate,
    Rule,
    Ruleset,
)

TYPE_CHECKING = False  # as typing's, read by mypy: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any

#: A (question id, value) pair an answer holds (its value, or each value of its list), or
#: (`FACT`, name) for a fact the rules have set.
Key = tuple[str, str]
#: The first half of a fact's key: no question id is empty.
FACT = ""

#: One question of the walk: its id, its own condition, its stricter reading of `unsure`.
Step = tuple[str, Predicate | None, str | None]

#: One classification rule as `classify` reads it (a tuple: unpacked in the loop, the
#: cheapest read Python has):
#: - the rule;
#: - its condition;
#: - its `needs`: one of these keys must be held for the condition to hold (None: the
#:   condition does not say, resting on a negation, the tier, a role...);
#: - whether it concerns the AI system (skipped once the system is out of scope);
#: - what it decides.
RuleStep = tuple[Rule, Predicate, frozenset[Key] | None, bool, Effect]

#: One obligation as `classify` reads it:
#: - whether it concerns a general-purpose AI model (it then binds the model's provider
#:   whatever roles were ticked, and also when the system is out of scope);
#: - its roles, as a set;
#: - its condition, and its `needs` as for a rule;
#: - each date's condition (the last has none) with the results for that date, one per role
#:   of the obligation, in the obligation's order.
ObligationStep = tuple[
    bool,
    frozenset[str],
    Predicate | None,
    frozenset[Key] | None,
    tuple[tuple[Predicate | None, tuple[ObligationResult, ...]], ...],
]


@dataclass(frozen=True, slots=True)
class Plan:
    walk: tuple[tuple[Predicate | None, tuple[Step, ...]], ...]
    """Each section's condition and its questions, in questionnaire order."""
    rules: tuple[RuleStep, ...]
    obligations: tuple[ObligationStep, ...]


def build_plan(ruleset: Ruleset) -> Plan:
    """The plan of a loaded rule set (called once, through `Ruleset.plan`)."""
    walk = tuple(
        (
            section.when.test if section.when is not None else None,
            tuple(
                (q.id, q.own_when.test if q.own_when is not None else None, q.unsure_means)
                for q in section.questions
            ),
        )
        for section in ruleset.sections
    )
    named = ruleset.conditions
    rules = tuple(
        (
            rule,
            rule.when.test,
            needs(rule.when.source, named),
            rule.applies_to is AppliesTo.SYSTEM,
            rule.then,
        )
        for rule in ruleset.rules
    )
    obligations = tuple(
        (
            o.applies_to is AppliesTo.MODEL,
            frozenset(o.roles),
            o.when.test if o.when is not None else None,
            needs(o.when.source, named) if o.when is not None else None,
            tuple(
                (
                    choice.when.test if choice.when is not None else None,
                    tuple(
                        ObligationResult(obligation=o, role=role, applies_from=choice.date)
                        for role in o.roles
                    ),
                )
                for choice in o.applies_from
            ),
        )
        for o in ruleset.obligations.values()
    )
    return Plan(walk=walk, rules=rules, obligations=obligations)


def needs(source: Mapping[str, Any], named: Mapping[str, Condition]) -> frozenset[Key] | None:
    """The (question, value) pairs one of which a condition requires, or None.

    `equals`/`contains` need their value, `in`/`contains_any` one of theirs, `fact` its
    fact; `all` needs what its first part with such a requirement needs; `any` needs what
    each of its parts needs, when each needs something; a named condition what its own
    condition needs. A negation, `answered`, a tier or a role require no particular key.
    """
    if "answer" in source:
        qid = source["answer"]
        for op in ("equals", "contains"):
            if op in source:
                return frozenset({(qid, source[op])})
        for op in ("in", "contains_any"):
            if op in source:
                return frozenset((qid, value) for value in source[op])
        return None
    if "all" in source:
        for part in source["all"]:
            found = needs(part, named)
            if found is not None:
                return found
        return None
    if "any" in source:
        union: set[Key] = set()
        for part in source["any"]:
            found = needs(part, named)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if "condition" in source:
        return needs(named[source["condition"]].source, named)
    if "fact" in source:
        return frozenset({(FACT, source["fact"])})
    return None


def answer_keys(answers: Mapping[str, AnswerValue]) -> set[Key]:
    """The (question, value) pairs the answers hold: what `RuleStep.needs` is matched with."""
    keys: set[Key] = set()
    add = keys.add
    for qid, value in answers.items():
        if isinstance(value, str):
            add((qid, value))
        elif isinstance(value, tuple):
            keys.update((qid, item) for item in value)
    return keys
