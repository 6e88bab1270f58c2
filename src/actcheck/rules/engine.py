"""The assessment engine: validated answers in, a classified result out.

`assess` is pure and deterministic: the same answers and rule set always give the same
result. It does four things, in this order:

1. **Resolve and walk.** Each `unsure` answer is replaced by the question's stricter reading
   (`unsure_means`), then the questionnaire is walked in order: a question is *reached* when
   its condition holds on the answers reached before it. Answers to questions that are not
   reached are ignored (and reported as warnings by the validator).
2. **Classify.** The classification rules fire in file order. They raise the tier, set the
   out-of-scope reason (after which the remaining system rules are skipped, because the Act
   does not apply to the system), set the GPAI model track, record facts for later rules, and
   make the organisation a provider where Art. 25 says so.
3. **List obligations.** Every obligation whose condition holds is listed once for each role
   it binds that the organisation holds, with the date it applies from.
4. **Weigh the doubts.** Each reached `unsure` answer is replaced by its other reading and
   the answers assessed again; where that changes the tier, scope, model track or
   obligations, the question is listed in `uncertain` and the result needs review.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from actcheck.rules.model import (
    GPAI_RANK,
    ROLES,
    TIER_RANK,
    UNSURE,
    Alternative,
    AnswerValue,
    Context,
    GpaiTrack,
    ObligationResult,
    Result,
    Role,
    Rule,
    Ruleset,
    Tier,
)
from actcheck.rules.plan import FACT, Key, answer_keys


@dataclass(frozen=True)
class Walk:
    """Which questions a set of answers reaches, and the reached answers resolved."""

    reached: tuple[str, ...]
    resolved: dict[str, AnswerValue]


def resolve(ruleset: Ruleset, answers: Mapping[str, AnswerValue]) -> dict[str, AnswerValue]:
    """Replace every `unsure` by the stricter reading of its question."""
    out: dict[str, AnswerValue] = {}
    for qid, value in answers.items():
        if value == UNSURE:
            question = ruleset.questions[qid]
            out[qid] = question.unsure_means or value
        else:
            out[qid] = value
    return out


def walk(ruleset: Ruleset, answers: Mapping[str, AnswerValue]) -> Walk:
    """Walk the questionnaire in order over the (raw) answers.

    A question's condition only ever sees the resolved answers of questions reached before
    it, so a stale answer to a skipped question can never steer the path.
    """
    # Resolved as reached (the same reading as `resolve`): unreached answers cost nothing.
    resolved: dict[str, AnswerValue] = {}
    ctx = Context(answers=resolved)
    reached: list[str] = []
    for section_test, steps in ruleset.plan.walk:
        if section_test is not None and not section_test(ctx):
            continue
        for qid, own_test, unsure_means in steps:
            if own_test is not None and not own_test(ctx):
                continue
            reached.append(qid)
            value = answers.get(qid)
            if value is not None:
                resolved[qid] = (unsure_means or value) if value == UNSURE else value
    return Walk(reached=tuple(reached), resolved=resolved)


ROLE_ALGEBRA: tuple[tuple[Role, Role], ...] = (
    # (role, the role that displaces it for the same system). The one place the engine
    # derives role bindings from; docs/legal-model.md, "Roles", states it in words.
    # Art. 25(1): an operator that is (or becomes) the provider has the provider's duties,
    # which replace its importer and distributor duties for that system.
    (Role.IMPORTER, Role.PROVIDER),
    (Role.DISTRIBUTOR, Role.PROVIDER),
    # Art. 3(7): a distributor is an operator "other than the provider or the importer".
    (Role.DISTRIBUTOR, Role.IMPORTER),
)


_DISPLACEABLE = frozenset(role for role, _by in ROLE_ALGEBRA)


def bound_roles(held: Iterable[str]) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """The roles whose duties bind, and each (role, displacing role) set aside."""
    roles = set(held)
    if roles.isdisjoint(_DISPLACEABLE):
        return frozenset(roles), ()  # the common case: nothing to set aside
    displaced: list[tuple[str, str]] = []
    for role, by in ROLE_ALGEBRA:
        if role in roles and by in roles and all(r != role for r, _ in displaced):
            displaced.append((role, by))
    return frozenset(roles - {r for r, _ in displaced}), tuple(displaced)


@dataclass(frozen=True)
class Outcome:
    """The classification of one set of resolved answers, before doubts are weighed."""

    tier: Tier
    scope_reason: str | None
    gpai: GpaiTrack
    trace: tuple[Rule, ...]
    facts: frozenset[str]
    roles: frozenset[str]
    obligations: tuple[ObligationResult, ...]
    displaced: tuple[tuple[str, str], ...] = ()
    """Roles set aside by the role algebra, each with the role that displaces it."""
    raised: Tier = Tier.MINIMAL_RISK
    """The tier the rules raised to, before an out-of-scope reason overrides it."""
    warned: tuple[Rule, ...] = ()
    """Warning rules that fired: they decide nothing, so they stay out of the trace."""

    @cached_property
    def signature(self) -> tuple[object, ...]:
        """What an `unsure` answer could change: compared to decide `uncertain`."""
        return (
            self.tier,
            self.scope_reason,
            self.gpai,
            frozenset(o.key for o in self.obligations),
        )


def classify(ruleset: Ruleset, resolved: dict[str, AnswerValue]) -> Outcome:
    """Fire the rules and list the obligations for resolved, reached answers."""
    roles_answer = resolved.get("system.roles", ())
    ctx = Context(
        answers=resolved,
        facts=set(),
        tier=Tier.MINIMAL_RISK,
        roles=set(roles_answer) if isinstance(roles_answer, tuple) else set(),
    )
    scope_reason: str | None = None
    gpai = GpaiTrack.NONE
    trace: list[Rule] = []
    warned: list[Rule] = []
    held = answer_keys(resolved)  # and the facts set, as they are
    for rule, test, needs, system, then in ruleset.plan.rules:
        if scope_reason is not None and system:
            continue
        if needs is not None and needs.isdisjoint(held):
            continue  # nothing it requires is held: its condition cannot hold
        if not test(ctx):
            continue
        if then.warning:
            warned.append(rule)
            continue
        trace.append(rule)
        if then.out_of_scope is not None and scope_reason is None:
            scope_reason = then.out_of_scope
        if then.tier is not None and TIER_RANK[then.tier] > TIER_RANK[ctx.tier]:
            ctx.tier = then.tier
        if then.gpai is not None and GPAI_RANK[then.gpai] > GPAI_RANK[gpai]:
            gpai = then.gpai
        if then.facts:
            ctx.facts.update(then.facts)
            held.update((FACT, fact) for fact in then.facts)
        ctx.roles.update(then.roles)
    displaced: tuple[tuple[str, str], ...] = ()
    if not ctx.roles.isdisjoint(_DISPLACEABLE):
        bound, displaced = bound_roles(ctx.roles)
        ctx.roles = set(bound)
    tier = Tier.OUT_OF_SCOPE if scope_reason is not None else ctx.tier
    obligations = _obligations(ruleset, ctx, held, in_scope=scope_reason is None)
    return Outcome(
        tier=tier,
        scope_reason=scope_reason,
        gpai=gpai,
        trace=tuple(trace),
        facts=frozenset(ctx.facts),
        roles=frozenset(ctx.roles),
        obligations=obligations,
        displaced=displaced,
        raised=ctx.tier,
        warned=tuple(warned),
    )


def _obligations(
    ruleset: Ruleset, ctx: Context, held: set[Key], *, in_scope: bool
) -> tuple[ObligationResult, ...]:
    out: list[ObligationResult] = []
    roles = ctx.roles
    for model, named, test, needs, dates in ruleset.plan.obligations:
        if not model and (not in_scope or roles.isdisjoint(named)):
            continue  # no role it names is held: its condition need not even be tested
        if needs is not None and needs.isdisjoint(held):
            continue
        if test is not None and not test(ctx):
            continue
        # The first date whose condition holds; the loader guarantees a last, default one.
        chosen = dates[-1][1]
        for when, results in dates:
            if when is None or when(ctx):
                chosen = results
                break
        for result in chosen:
            # A model obligation binds the model's provider whatever roles the organisation
            # ticked for its AI system (a model-only provider ticks none).
            if model or result.role in roles:
                out.append(result)
    return tuple(out)


def banned_so_far(ruleset: Ruleset, answers: Mapping[str, AnswerValue]) -> bool | None:
    """Whether the answers given so far make the system prohibited (Art. 5): True when they
    do whatever the founder's doubts, False when only an `unsure` answer read the stricter
    way does, None when they do not. Cheap (no open points), so a question page can say it
    while the rest of the questionnaire is still to answer."""
    path = walk(ruleset, answers)
    if classify(ruleset, path.resolved).tier is not Tier.PROHIBITED:
        return None
    lenient = {
        qid: (ruleset.questions[qid].lenient or value) if value == UNSURE else value
        for qid, value in answers.items()
    }
    return classify(ruleset, walk(ruleset, lenient).resolved).tier is Tier.PROHIBITED


def assess(
    ruleset: Ruleset,
    answers: Mapping[str, AnswerValue],
    *,
    warnings: Iterable[str] = (),
) -> Result:
    """Classify an AI system and list the organisation's obligations.

    Args:
        ruleset: a loaded rule set.
        answers: validated answers (see `actcheck.rules.answers.validate`): question id to
            `yes`/`no`/`unsure`, a choice value, a tuple of choice values, or text.
        warnings: validation warnings to carry into the result.

    Returns:
        The result; `Result.to_dict()` is the public result format.
    """
    path = walk(ruleset, answers)
    outcome = classify(ruleset, path.resolved)
    uncertain, alternatives = _open_points(ruleset, answers, path, outcome)
    doubts = [qid for qid in path.reached if answers.get(qid) == UNSURE]
    trace_unsure = _resting_on_doubts(ruleset, outcome, path, doubts)
    return Result(
        ruleset=ruleset,
        tier=outcome.tier,
        scope_reason=outcome.scope_reason,
        gpai=outcome.gpai,
        needs_review=bool(uncertain),
        uncertain=uncertain,
        obligations=outcome.obligations,
        trace=outcome.trace,
        notes=tuple(warnings),
        answers=dict(answers),
        resolved=path.resolved,
        reached=path.reached,
        facts=outcome.facts,
        roles=outcome.roles,
        ignored=_ignored(ruleset, answers, path.reached),
        no_effect=tuple(q for q in doubts if q not in uncertain),
        trace_unsure=trace_unsure,
        role_notes=_role_notes(path, outcome),
        alternatives=alternatives,
        warned=outcome.warned,
    )


def _ignored(
    ruleset: Ruleset, answers: Mapping[str, AnswerValue], reached: tuple[str, ...]
) -> tuple[str, ...]:
    """The answered questions the path does not reach, in questionnaire order."""
    off_path = answers.keys() - set(reached)
    if not off_path:
        return ()
    order = ruleset.question_order
    return tuple(sorted(filter(order.__contains__, off_path), key=order.__getitem__))


def _role_notes(path: Walk, outcome: Outcome) -> tuple[tuple[str, Mapping[str, str]], ...]:
    """Say out loud why a role held carries no duty: none named, or displaced by another."""
    notes: list[tuple[str, Mapping[str, str]]] = []
    if "system.roles" in path.reached and path.resolved.get("system.roles") == ():
        notes.append(("roles.none", {}))
    notes += [("roles.displaced", {"role": role, "by": by}) for role, by in outcome.displaced]
    if outcome.scope_reason is None:
        # A role held that no obligation binds is said too, so no role is passed over silently.
        bound = {o.role for o in outcome.obligations}
        notes += [
            ("roles.no_duties", {"role": r}) for r in ROLES if r in outcome.roles and r not in bound
        ]
    return tuple(notes)


def _open_points(
    ruleset: Ruleset,
    answers: Mapping[str, AnswerValue],
    path: Walk,
    baseline: Outcome,
) -> tuple[tuple[str, ...], tuple[Alternative, ...]]:
    """The reached `unsure` answers whose other reading could change the result, and the
    result each one's other reading gives alone.

    An answer is open when flipping it alone changes the result, and also when, with every
    `unsure` flipped, putting it back changes the result: two doubts can hide each other
    (either one alone keeps the system high-risk, both together would not).
    """
    unsure = [qid for qid in path.reached if answers.get(qid) == UNSURE]
    if not unsure:
        return (), ()
    seen = set(path.reached)

    known: dict[frozenset[str], tuple[Outcome, tuple[str, ...]]] = {}

    def flip(flipped: Iterable[str]) -> tuple[Outcome, tuple[str, ...]]:
        # Two doubts: "all but one" flips the other alone, already tried. Same answers,
        # same outcome: the engine is deterministic.
        key = frozenset(flipped)
        if key not in known:
            known[key] = flipped_outcome(key)
        return known[key]

    def flipped_outcome(flipped: Iterable[str]) -> tuple[Outcome, tuple[str, ...]]:
        other = dict(answers)
        for qid in flipped:
            other[qid] = ruleset.questions[qid].lenient or UNSURE
        other_path = walk(ruleset, other)
        # The other reading may lead to questions the founder never saw: then nobody can
        # say it changes nothing, so those questions count as part of the outcome.
        unanswered = tuple(
            q
            for q in other_path.reached
            if q not in seen and q not in answers and not ruleset.questions[q].optional
        )
        return classify(ruleset, other_path.resolved), unanswered

    def outcome(flipped: Iterable[str]) -> tuple[object, ...]:
        other, unanswered = flip(flipped)
        return (other.signature, unanswered)

    strict = (baseline.signature, ())
    alternatives = []
    open_points = set()
    for qid in unsure:
        other, unanswered = flip([qid])
        if (other.signature, unanswered) != strict:
            open_points.add(qid)
        lenient = ruleset.questions[qid].lenient
        if lenient is not None:
            alternatives.append(
                Alternative(
                    question_id=qid,
                    value=lenient,
                    tier=other.tier,
                    scope_reason=other.scope_reason,
                    gpai=other.gpai,
                    obligations=other.obligations,
                    unanswered=unanswered,
                )
            )
    if len(unsure) > 1:
        all_lenient = outcome(unsure)
        if all_lenient != strict:
            for qid in unsure:
                if outcome(q for q in unsure if q != qid) != all_lenient:
                    open_points.add(qid)
            if not open_points:
                open_points.update(unsure)
    return tuple(qid for qid in unsure if qid in open_points), tuple(alternatives)


def _resting_on_doubts(
    ruleset: Ruleset, outcome: Outcome, path: Walk, doubts: list[str]
) -> dict[str, tuple[str, ...]]:
    """For each rule that fired, the `unsure` answers without which its condition fails.

    The condition is tested again with one doubt read the other way and everything else as
    decided, so a rule that merely mentions the question (to rule out a derogation, say)
    is not flagged.
    """
    out: dict[str, tuple[str, ...]] = {}
    if not doubts:
        return out  # nothing rests on a doubt when there is none
    for rule in outcome.trace:
        mentioned = [q for q in doubts if q in rule.when.questions]
        resting = []
        for qid in mentioned:
            answers = dict(path.resolved)
            answers[qid] = ruleset.questions[qid].lenient or UNSURE
            ctx = Context(
                answers=answers,
                facts=set(outcome.facts),
                tier=outcome.raised,
                roles=set(outcome.roles),
            )
            if not rule.when.test(ctx):
                resting.append(qid)
        if resting:
            out[rule.id] = tuple(resting)
    return out
