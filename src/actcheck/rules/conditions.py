"""The closed condition vocabulary: parsed from YAML, checked, compiled to plain closures.

Conditions are data, never code: `all`, `any`, `not`, `answer` with one operator,
`condition` (a named condition), `fact`, `tier`, `tier_in` and `role`. Compiling them once at
load time into nested closures is what lets the engine assess thousands of answer sets a
second without walking YAML.

Each closure is made by one of the `@_remembered` makers below, which notes on it the maker
and the arguments it was made from (`RECIPE`): a compiled rule set can then be pickled
(`actcheck.rules.frozen`) and its closures made again on loading, with no check repeated
and no code stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import wraps

from actcheck.rules.model import (
    NO,
    ROLES,
    YES,
    Condition,
    Context,
    Kind,
    Predicate,
    Question,
    Tier,
)

TYPE_CHECKING = False  # as typing's, read by mypy: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any, ParamSpec

ANSWER_OPERATORS = ("equals", "in", "contains", "contains_any", "answered")

#: The attribute of a compiled predicate naming how to make it again: (maker, arguments).
RECIPE = "__actcheck_recipe__"

if TYPE_CHECKING:
    _Args = ParamSpec("_Args")


def _remembered(maker: Callable[_Args, Predicate]) -> Callable[_Args, Predicate]:
    """Note on each predicate `maker` returns how to make it again (see `RECIPE`); a
    predicate it passes through unchanged (`all` of one part) keeps its own recipe."""

    @wraps(maker)
    def make(*args: _Args.args, **kwargs: _Args.kwargs) -> Predicate:
        predicate = maker(*args, **kwargs)
        if not hasattr(predicate, RECIPE):
            setattr(predicate, RECIPE, (make, args))
        return predicate

    return make


class ConditionError(ValueError):
    """A condition is malformed; `line` is where in the file, 0 when unknown."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Scope:
    """What a condition being parsed may refer to."""

    questions: Mapping[str, Question]
    named: Mapping[str, Condition] = field(default_factory=dict)
    facts: set[str] | None = None
    """Facts set so far; None means facts, tier and role are not allowed here."""
    before: set[str] | None = None
    """Question ids a question's condition may name (those asked before it); None: any."""


def _norm(value: Any) -> Any:
    """YAML 1.1 reads an unquoted yes/no as a boolean; the vocabulary means the word."""
    if value is True:
        return YES
    if value is False:
        return NO
    return value


def parse_condition(raw: Any, scope: Scope, line: int = 0) -> Condition:
    """Check and compile one condition.

    Raises:
        ConditionError: naming what is wrong (unknown question, value, fact or form).
    """
    line = getattr(raw, "line", 0) or line
    questions: set[str] = set()
    test = _compile(raw, scope, line, questions)
    return Condition(source=_plain(raw), test=test, questions=frozenset(questions))


def _plain(raw: Any) -> Any:
    if isinstance(raw, Mapping):
        return {str(k): _plain(_norm(v)) for k, v in raw.items()}
    if isinstance(raw, list):
        return [_plain(_norm(v)) for v in raw]
    return _norm(raw)


def _compile(raw: Any, scope: Scope, line: int, seen: set[str]) -> Predicate:
    line = getattr(raw, "line", 0) or line
    if not isinstance(raw, Mapping) or not raw:
        raise ConditionError(f"a condition must be a mapping, not {raw!r}", line)
    keys = set(raw)
    if "answer" in keys:
        return _compile_answer(raw, scope, line, seen)
    if len(keys) != 1:
        raise ConditionError(
            f"a condition has exactly one of all/any/not/condition/fact/tier/tier_in/role, "
            f"found {sorted(keys)}",
            line,
        )
    (key,) = keys
    value = raw[key]
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise ConditionError(f"'{key}' takes a non-empty list of conditions", line)
        parts = tuple(_compile(item, scope, line, seen) for item in value)
        return all_of(parts) if key == "all" else _any(parts)
    if key == "not":
        return _not(_compile(value, scope, line, seen))
    if key == "condition":
        if value not in scope.named:
            raise ConditionError(
                f"unknown named condition {value!r}; known: {', '.join(sorted(scope.named))}",
                line,
            )
        named = scope.named[value]
        if scope.before is not None:
            late = sorted(named.questions - scope.before)
            if late:
                raise ConditionError(
                    f"condition {value!r} names {', '.join(late)}, which is not asked before here",
                    line,
                )
        seen.update(named.questions)
        return named.test
    if key in ("fact", "tier", "tier_in", "role"):
        if scope.facts is None:
            raise ConditionError(
                f"'{key}' is only allowed in classification rules and obligations", line
            )
        return _compile_state(key, value, scope.facts, line)
    raise ConditionError(
        f"unknown condition form {key!r}; use all, any, not, answer, condition, fact, tier, "
        f"tier_in or role",
        line,
    )


@_remembered
def _not(inner: Predicate) -> Predicate:
    return lambda ctx: not inner(ctx)


@_remembered
def all_of(parts: tuple[Predicate, ...]) -> Predicate:
    """`all` without a generator per call: conditions run thousands of times a second."""
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        a, b = parts
        return lambda ctx: a(ctx) and b(ctx)
    if len(parts) == 3:
        a, b, c = parts
        return lambda ctx: a(ctx) and b(ctx) and c(ctx)

    def every(ctx: Context) -> bool:
        for part in parts:  # noqa: SIM110 - a plain loop: no generator per call
            if not part(ctx):
                return False
        return True

    return every


@_remembered
def _any(parts: tuple[Predicate, ...]) -> Predicate:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        a, b = parts
        return lambda ctx: a(ctx) or b(ctx)

    def some(ctx: Context) -> bool:
        for part in parts:  # noqa: SIM110 - a plain loop: no generator per call
            if part(ctx):
                return True
        return False

    return some


def _compile_state(key: str, value: Any, facts: set[str], line: int) -> Predicate:
    if key == "fact":
        if value not in facts:
            raise ConditionError(
                f"fact {value!r} is not set by any earlier classification rule", line
            )
        return _fact(value)
    if key == "role":
        if value not in ROLES:
            raise ConditionError(f"unknown role {value!r}; roles: {', '.join(ROLES)}", line)
        return _role(value)
    tiers = value if key == "tier_in" else [value]
    if not isinstance(tiers, list) or not tiers:
        raise ConditionError(
            f"'{key}' takes {'a list of tiers' if key == 'tier_in' else 'a tier'}", line
        )
    allowed = {t.value for t in Tier} - {Tier.OUT_OF_SCOPE.value}
    for tier in tiers:
        if tier not in allowed:
            raise ConditionError(
                f"unknown tier {tier!r}; tiers: {', '.join(sorted(allowed))}", line
            )
    return _tier_in(frozenset(Tier(t) for t in tiers))


@_remembered
def _fact(value: str) -> Predicate:
    return lambda ctx: value in ctx.facts


@_remembered
def _role(value: str) -> Predicate:
    return lambda ctx: value in ctx.roles


@_remembered
def _tier_in(wanted: frozenset[Tier]) -> Predicate:
    return lambda ctx: ctx.tier in wanted


def _compile_answer(raw: Mapping[str, Any], scope: Scope, line: int, seen: set[str]) -> Predicate:
    qid = raw["answer"]
    ops = [k for k in raw if k != "answer"]
    if len(ops) != 1 or ops[0] not in ANSWER_OPERATORS:
        raise ConditionError(
            f"an answer condition takes exactly one of {', '.join(ANSWER_OPERATORS)}; found {ops}",
            line,
        )
    question = scope.questions.get(qid)
    if question is None:
        raise ConditionError(f"unknown question {qid!r}", line)
    if scope.before is not None and qid not in scope.before:
        raise ConditionError(f"question {qid!r} is not asked before this one", line)
    seen.add(qid)
    op = ops[0]
    arg = _norm(raw[op])
    if op == "answered":
        if arg is not YES and arg != YES:
            raise ConditionError("'answered' only takes true", line)
        return _answered(qid)
    if question.kind is Kind.TEXT:
        raise ConditionError(f"question {qid!r} is free text: only 'answered' applies", line)
    multi = question.kind is Kind.ANY_OF
    if op in ("contains", "contains_any") and not multi:
        raise ConditionError(f"'{op}' is for 'any of' questions; {qid!r} is {question.kind}", line)
    if op in ("equals", "in") and multi:
        raise ConditionError(f"{qid!r} is an 'any of' question: use contains or contains_any", line)
    values = [arg] if op in ("equals", "contains") else arg
    if not isinstance(values, list) or not values:
        raise ConditionError(f"'{op}' takes a non-empty list of values", line)
    values = [_norm(v) for v in values]
    # A condition sees resolved answers: `unsure` never reaches it.
    allowed = [v for v in question.values if v != "unsure"]
    for value in values:
        if value not in allowed:
            raise ConditionError(
                f"{value!r} is not a value of {qid!r}; allowed: {', '.join(allowed)}", line
            )
    return _answer_test(op, qid, tuple(values))


@_remembered
def _answered(qid: str) -> Predicate:
    return lambda ctx: bool(ctx.answers.get(qid))


@_remembered
def _answer_test(op: str, qid: str, values: tuple[str, ...]) -> Predicate:
    if op == "equals":
        (value,) = values
        return lambda ctx: ctx.answers.get(qid) == value
    wanted = frozenset(values)
    if op == "in":
        return lambda ctx: ctx.answers.get(qid) in wanted
    if op == "contains":
        (value,) = values

        def contains(ctx: Context) -> bool:
            got = ctx.answers.get(qid)
            return isinstance(got, tuple) and value in got

        return contains

    def contains_any(ctx: Context) -> bool:
        got = ctx.answers.get(qid)
        return isinstance(got, tuple) and not wanted.isdisjoint(got)

    return contains_any


# -- Satisfying assignments, for the loader's "can any path reach this question" check --

Assignment = dict[str, "Any"]
"""Question id -> value needed (a str, or a tuple for any-of), or None for 'leave unanswered'."""


def witnesses(
    source: Any, named: Mapping[str, Condition], questions: Mapping[str, Question], limit: int = 64
) -> list[Assignment]:
    """Answer assignments that make a condition (over answers only) hold, at most `limit`.

    Used to prove a question can be reached; negative literals are met by leaving the
    question unanswered or by picking another value.
    """
    return _dnf(source, True, named, questions, limit)


def _merge(a: Assignment, b: Assignment) -> Assignment | None:
    out = dict(a)
    for qid, value in b.items():
        if qid not in out:
            out[qid] = value
            continue
        have = out[qid]
        if have == value:
            continue
        if isinstance(have, tuple) and isinstance(value, tuple):
            out[qid] = tuple(sorted(set(have) | set(value)))
            continue
        return None
    return out


def _product(left: list[Assignment], right: list[Assignment], limit: int) -> list[Assignment]:
    out: list[Assignment] = []
    for a in left:
        for b in right:
            merged = _merge(a, b)
            if merged is not None:
                out.append(merged)
                if len(out) >= limit:
                    return out
    return out


def _dnf(
    source: Any,
    positive: bool,
    named: Mapping[str, Condition],
    questions: Mapping[str, Question],
    limit: int,
) -> list[Assignment]:
    key = next(iter(source)) if "answer" not in source else "answer"
    if key == "condition":
        return _dnf(named[source["condition"]].source, positive, named, questions, limit)
    if key == "not":
        return _dnf(source["not"], not positive, named, questions, limit)
    if key in ("all", "any"):
        conjunctive = (key == "all") == positive
        parts = [_dnf(item, positive, named, questions, limit) for item in source[key]]
        if conjunctive:
            acc: list[Assignment] = [{}]
            for part in parts:
                acc = _product(acc, part, limit)
            return acc
        return [a for part in parts for a in part][:limit]
    qid = source["answer"]
    question = questions[qid]
    op = next(k for k in source if k != "answer")
    arg = source[op]
    if op == "answered":
        return [{qid: _some_value(question)}] if positive else [{qid: None}]
    values = [arg] if op in ("equals", "contains") else list(arg)
    if positive:
        if op in ("contains", "contains_any"):
            return [{qid: (v,)} for v in values]
        return [{qid: v} for v in values]
    others = [v for v in question.values if v not in values and v != "unsure"]
    options: list[Assignment] = [{qid: None}]
    if question.kind is Kind.ANY_OF:
        options += [{qid: (v,)} for v in others]
    else:
        options += [{qid: v} for v in others]
    return options


def _some_value(question: Question) -> Any:
    if question.kind is Kind.TEXT:
        return "text"
    if question.kind is Kind.ANY_OF:
        return (question.values[0],)
    return question.values[0]


Checker = Callable[[Assignment], bool]
