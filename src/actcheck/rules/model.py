"""The domain vocabulary of actcheck: frozen values the loader builds and the engine reads.

Nothing here knows about YAML, Flask or a database. Everything is immutable so a loaded
rule set can be shared between threads and requests without copying.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from actcheck.rules.records import record

TYPE_CHECKING = False  # as typing's, read by mypy: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any

    from actcheck.rules.plan import Plan


class Tier(StrEnum):
    """The class of the AI system under the Act, as the result format names it."""

    PROHIBITED = "prohibited"
    HIGH_RISK = "high_risk"
    LIMITED_RISK = "limited_risk"
    MINIMAL_RISK = "minimal_risk"
    OUT_OF_SCOPE = "out_of_scope"


#: Higher wins when several rules raise the tier (out of scope is decided apart).
TIER_RANK: Mapping[Tier, int] = {
    Tier.MINIMAL_RISK: 0,
    Tier.LIMITED_RISK: 1,
    Tier.HIGH_RISK: 2,
    Tier.PROHIBITED: 3,
}


class GpaiTrack(StrEnum):
    """The general-purpose AI model track, independent of the system's tier."""

    NONE = "none"
    GPAI = "gpai"
    SYSTEMIC = "gpai_systemic_risk"


GPAI_RANK: Mapping[GpaiTrack, int] = {GpaiTrack.NONE: 0, GpaiTrack.GPAI: 1, GpaiTrack.SYSTEMIC: 2}


class Kind(StrEnum):
    """Value kinds of the answers format."""

    TRI_STATE = "tri_state"
    YES_NO = "yes_no"
    ONE_OF = "one_of"
    ANY_OF = "any_of"
    TEXT = "text"


class Status(StrEnum):
    """How far a legal point was checked against the Official Journal text."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    UNVERIFIED = "unverified"


class AppliesTo(StrEnum):
    """Whether a rule or obligation concerns the AI system or a general-purpose AI model."""

    SYSTEM = "system"
    MODEL = "model"


class Penalty(StrEnum):
    """The fine band of Art. 99 / Art. 101 an infringement falls under."""

    ART_99_3 = "art_99_3"
    ART_99_4 = "art_99_4"
    #: Art. 99(4)(da), inserted by Regulation (EU) 2026/1744 (reported): Art. 25(2) and (4).
    ART_99_4_DA = "art_99_4_da"
    ART_99_5 = "art_99_5"
    ART_101 = "art_101"
    MEMBER_STATE = "member_state"


class DutyKind(StrEnum):
    """What the founder does about an obligation, the group it is shown in: a ban to stop
    at once, something to build into the product, a document to write, a step before
    launch, or a duty that lasts after launch. Declared per obligation (`kind`)."""

    BAN = "ban"
    BUILD = "build"
    DOCUMENT = "document"
    BEFORE_LAUNCH = "before_launch"
    ONGOING = "ongoing"


class Role(StrEnum):
    """The roles of an operator the Act binds (Art. 3(3)-(8)), in the order a founder
    reads their duties."""

    PROVIDER = "provider"
    DEPLOYER = "deployer"
    IMPORTER = "importer"
    DISTRIBUTOR = "distributor"
    AUTHORISED_REPRESENTATIVE = "authorised_representative"
    PRODUCT_MANUFACTURER = "product_manufacturer"


ROLES: tuple[Role, ...] = tuple(Role)

SCOPE_REASONS: tuple[str, ...] = (
    "not_ai_system",
    "no_eu_nexus",
    "military",
    "research_only",
    "pre_market_rnd",
    "open_source",
)

YES, NO, UNSURE = "yes", "no", "unsure"

#: A resolved or raw answer: one value, or a tuple of values for an "any of" question.
AnswerValue = str | tuple[str, ...]
#: User-facing text keyed by language code.
Text = Mapping[str, str]


@dataclass(eq=False, slots=True)
class Context:
    """What a condition may look at: reached answers, and what the rules decided so far.

    The one mutable value of the core: the engine fills it in as rules fire.
    """

    answers: dict[str, AnswerValue]
    facts: set[str] = field(default_factory=set)
    tier: Tier = Tier.MINIMAL_RISK
    roles: set[str] = field(default_factory=set)


Predicate = Callable[[Context], bool]


@record
class Condition:
    """A parsed condition: its source form (for display and the API) and its compiled test."""

    source: Mapping[str, Any]
    test: Predicate = field(compare=False, repr=False)
    questions: frozenset[str] = frozenset()

    def __call__(self, ctx: Context) -> bool:
        return self.test(ctx)


@record
class Choice:
    """One value a question offers, with its label (and help) in every language."""

    value: str
    label: Text
    help: Text | None = None


@record
class Area:
    """One area of a question asked in two steps: its box on the area page, then its own
    page listing its `uses` (values of the question)."""

    id: str
    label: Text
    hint: Text
    heading: Text
    point: str
    uses: tuple[str, ...]


@record
class Areas:
    """How an "any of" question is asked in two steps (Annex III: the area first, then
    its uses). Only the pages change: the answer stays one list of the question's values."""

    text: Text
    hint: Text
    choose_error: Text
    uses_hint: Text
    areas: tuple[Area, ...]

    def get(self, area_id: str) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None)

    def of(self, values: Iterable[str]) -> tuple[Area, ...]:
        """The areas that hold at least one of `values`, in the file's order."""
        chosen = set(values)
        return tuple(a for a in self.areas if chosen.intersection(a.uses))


@record
class Question:
    """One question of the questionnaire, as the rule files declare it: what it asks, the
    values it takes, when it is asked and what an `unsure` answer means."""

    id: str
    kind: Kind
    section: str
    text: Text
    help: Text | None
    example: Text | None
    articles: tuple[str, ...]
    choices: tuple[Choice, ...] = ()
    unsure_means: str | None = None
    optional: bool = False
    when: Condition | None = None
    """When the question is asked: its section's condition and its own."""
    own_when: Condition | None = None
    """Its own condition only (the walk tests the section's once per section)."""
    added_in: str | None = None
    """The rule set that added it: an older answers file lacking it is told so."""
    judgment: bool | None = None
    """For a yes/no question: whether it asks the founder's judgment of a legal test (then
    it offers "I'm not sure") or a fact they know; None where the file does not say."""
    choose_error: Text | None = None
    """For an "any of" question: the error when nothing is ticked, naming what to choose."""
    areas: Areas | None = None
    """For an "any of" question asked in two steps: its areas."""
    present_tense: bool = False
    """It asks how the system is or is used now: a planned-launch preview hints to answer
    as it will be at launch."""
    sources: tuple[Source, ...] = ()
    location: str = ""

    @cached_property
    def values(self) -> tuple[str, ...]:
        """The values an answer may take (empty for text)."""
        if self.kind is Kind.TRI_STATE:
            return (YES, NO, UNSURE)
        if self.kind is Kind.YES_NO:
            return (YES, NO)
        return tuple(c.value for c in self.choices)

    @cached_property
    def value_order(self) -> dict[str, int]:
        """Each allowed value's position: membership test and canonical order in one."""
        return {value: index for index, value in enumerate(self.values)}

    @property
    def lenient(self) -> str | None:
        """The other reading of an `unsure` answer: the one with fewer obligations."""
        if self.unsure_means is None:
            return None
        return NO if self.unsure_means == YES else YES


@record
class Section:
    """A page group of the questionnaire: its questions, asked in order, and the condition
    under which the section applies at all."""

    id: str
    title: Text
    intro: Text | None
    questions: tuple[Question, ...]
    when: Condition | None = None
    not_needed: Text | None = None
    """Why the section may not apply, said where it is marked "Does not apply"."""


@record
class Source:
    """Where a legal point can be read, and how far it was checked against the Official
    Journal (`Status`)."""

    title: str
    href: str
    status: Status
    checked_on: dt.date | None = None


@record
class Effect:
    """What a classification rule decides when it fires."""

    tier: Tier | None = None
    out_of_scope: str | None = None
    gpai: GpaiTrack | None = None
    facts: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    contradicts: tuple[str, ...] = ()
    """Answers this rule's definition overrides: kept as given, shown as an open point."""
    warning: bool = False
    """The rule only warns: its `because` joins the result's warnings, never its trace."""


@record
class Expectation:
    """What a test case expects of a result; absent keys are not checked."""

    tier: str | None = None
    scope_reason: str | None = None
    check_scope_reason: bool = False
    gpai: str | None = None
    needs_review: bool | None = None
    uncertain: tuple[str, ...] | None = None
    obligations_include: tuple[str, ...] = ()
    obligations_exclude: tuple[str, ...] = ()
    applies_from: Mapping[str, dt.date] = field(default_factory=dict)
    fires: tuple[str, ...] = ()
    not_fires: tuple[str, ...] = ()
    notes: tuple[str, ...] | None = None
    """The questions whose answers the result shows as contradicted, in order."""
    warnings_include: tuple[str, ...] = ()
    """Text each of which some warning (in English) must contain."""


@record
class Case:
    """A named example: answers in, expectation out."""

    name: str
    answers: Mapping[str, Any]
    expect: Expectation
    location: str
    decided_by: str = ""
    articles: tuple[str, ...] = ()


@record
class Rule:
    """A classification rule: when its condition holds it raises the tier, sets the scope,
    the model track, facts or roles (`Effect`), citing the articles it rests on."""

    id: str
    title: Text
    applies_to: AppliesTo
    when: Condition
    then: Effect
    articles: tuple[str, ...]
    status: Status
    because: Text
    note: Text | None = None
    sources: tuple[Source, ...] = ()
    tests: tuple[Case, ...] = ()
    location: str = ""


@record
class LegalDate:
    """A date the Act fixes (when an obligation starts to apply), with its articles."""

    id: str
    date: dt.date
    articles: tuple[str, ...]
    status: Status
    label: Text
    sources: tuple[Source, ...] = ()


@record
class DateChoice:
    """One branch of an obligation's date: the first whose condition holds wins."""

    date: LegalDate
    when: Condition | None = None


@record
class Obligation:
    """A duty of the Act: the roles it binds, when it applies and from which date, and what
    the founder has to do about it."""

    id: str
    title: Text
    roles: tuple[Role, ...]
    applies_to: AppliesTo
    when: Condition | None
    articles: tuple[str, ...]
    applies_from: tuple[DateChoice, ...]
    status: Status
    penalty: Penalty
    summary: Text
    todo: Text
    kind: DutyKind
    weight: int = 0
    """How much work it is, 0 to 9: the heaviest come first within their group."""
    note: Text | None = None
    sources: tuple[Source, ...] = ()
    location: str = ""


@record
class Ruleset:
    """A loaded, validated rule set. Build it with `actcheck.rules.loading.load_ruleset`."""

    version: str
    sha256: str
    law: Text
    languages: tuple[str, ...]
    labels: Mapping[str, Text]
    eur_lex: str
    """The Act on EUR-Lex, `{LANG}` standing for the language code."""
    eur_lex_amending: str
    """The 2026 amending regulation on EUR-Lex (the articles it inserted)."""
    sections: tuple[Section, ...]
    questions: Mapping[str, Question]
    rules: tuple[Rule, ...]
    obligations: Mapping[str, Obligation]
    dates: Mapping[str, LegalDate]
    conditions: Mapping[str, Condition]

    def link(self, ref: str, lang: str) -> str:
        """The EUR-Lex page of an article reference in `lang` (see `wording.eur_lex_link`)."""
        from actcheck.rules.wording import eur_lex_link

        return eur_lex_link(ref, lang, act=self.eur_lex, amending=self.eur_lex_amending)

    def source_link(self, href: str, lang: str) -> str:
        """A source's address in `lang`: the rule files cite the English EUR-Lex pages of the
        Act and of the amending act; any other address is kept as it is."""
        for base in (self.eur_lex, self.eur_lex_amending):
            english = base.replace("{LANG}", "EN")
            if english and href.startswith(english):
                return base.replace("{LANG}", lang.upper()) + href[len(english) :]
        return href

    @cached_property
    def question_order(self) -> Mapping[str, int]:
        """Each question's position in the questionnaire: to sort ids without a scan."""
        return {qid: index for index, qid in enumerate(self.questions)}

    @cached_property
    def plan(self) -> Plan:
        """What the engine reads on every assessment, derived once (`actcheck.rules.plan`)."""
        from actcheck.rules.plan import build_plan

        return build_plan(self)

    def __getstate__(self) -> dict[str, Any]:
        """What a pickled rule set keeps (`actcheck.rules.frozen`): not what is derived from
        it on first use, which holds functions and is cheaper to derive again."""
        return {k: v for k, v in self.__dict__.items() if k not in _DERIVED}


#: `Ruleset`'s cached properties: derived on first use, never pickled.
_DERIVED = frozenset({"question_order", "plan"})


@dataclass(frozen=True, repr=False, eq=False)
class ObligationResult:
    """An obligation binding one role from one date. Made once per rule set
    (`Ruleset.plan`) and shared by every result that lists it."""

    obligation: Obligation
    role: Role
    applies_from: LegalDate

    @cached_property
    def key(self) -> tuple[str, str, dt.date]:
        """What two results are compared by (the engine's `signature`)."""
        return (self.obligation.id, self.role, self.applies_from.date)


@dataclass(frozen=True)
class Alternative:
    """The result with one `unsure` answer read the other way (the question's `lenient`
    value), everything else as answered: what that doubt would change, computed once by
    the engine so that no front end runs it again."""

    question_id: str
    value: AnswerValue
    tier: Tier
    scope_reason: str | None
    gpai: GpaiTrack
    obligations: tuple[ObligationResult, ...]
    unanswered: tuple[str, ...]
    """Questions that reading leads to and the founder has not answered (nor seen)."""


@dataclass(frozen=True, repr=False, eq=False)
class Result:
    """The outcome of one assessment; `to_dict` gives the public result format (v1)."""

    ruleset: Ruleset
    tier: Tier
    scope_reason: str | None
    gpai: GpaiTrack
    needs_review: bool
    uncertain: tuple[str, ...]
    obligations: tuple[ObligationResult, ...]
    trace: tuple[Rule, ...]
    notes: tuple[str, ...]
    """Warnings handed in by the caller (validation), as given."""
    answers: Mapping[str, AnswerValue]
    """The answers as given (validated), reached or not."""
    resolved: Mapping[str, AnswerValue]
    """The reached answers after `unsure` was resolved the stricter way."""
    reached: tuple[str, ...]
    facts: frozenset[str]
    roles: frozenset[str]
    ignored: tuple[str, ...] = ()
    """Answered questions the path does not reach: their answers play no part."""
    no_effect: tuple[str, ...] = ()
    """Reached `unsure` answers whose other reading gives the same result."""
    trace_unsure: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Rule id -> the `unsure` answers its condition read the stricter way."""
    role_notes: tuple[tuple[str, Mapping[str, str]], ...] = ()
    """Why a role holds no duty here: (label key, format arguments), rendered per language."""
    alternatives: tuple[Alternative, ...] = ()
    """Each reached `unsure` answer with a `lenient` reading, and the result that reading
    gives (in path order)."""
    warned: tuple[Rule, ...] = ()
    """The warning rules that fired (plausibility checks and hints), in file order."""

    def because(self, rule: Rule, lang: str = "en", as_of: dt.date | None = None) -> str:
        """A trace sentence, saying so when it rests on an answer the founder was unsure of."""
        sentence = text_in(rule.because, lang, as_of)
        doubts = self.trace_unsure.get(rule.id)
        if not doubts:
            return sentence
        prefix = text_in(self.ruleset.labels.get("stricter_reading"), lang)
        return f"{prefix.format(questions=', '.join(doubts))} {sentence}"

    def warnings_in(self, lang: str = "en") -> list[str]:
        """Every warning, in `lang`: ignored answers, unsure answers with no effect, remarks
        and notes."""
        labels = self.ruleset.labels
        out = [text_in(labels.get("ignored_answer"), lang).format(question=q) for q in self.ignored]
        out += [
            text_in(labels.get("unsure_no_effect"), lang).format(question=q) for q in self.no_effect
        ]
        return out + self.remarks_in(lang) + list(self.notes)

    def remarks_in(self, lang: str = "en") -> list[str]:
        """The warning rules that fired (plausibility checks, hints), roles without duties
        and answers a definition overrides, said out loud in `lang`.

        Shared by every front end (CLI, API, web, PDF) so none can stay silent about them.
        """
        labels = self.ruleset.labels
        out = [text_in(rule.because, lang) for rule in self.warned]
        for key, args in self.role_notes:
            params = dict(args)
            for name in ("role", "by"):
                if name in params:
                    params[name] = text_in(labels.get(f"role.{params[name]}"), lang)
            out.append(text_in(labels.get(key), lang).format(**params))
        for note in self.contradictions_in(lang):
            answer = note["answer"]
            out.append(
                text_in(labels.get("contradiction"), lang).format(
                    question=note["question"],
                    answer=", ".join(answer) if isinstance(answer, list) else answer,
                    articles=", ".join(note["articles"]),
                    because=note["text"],
                )
            )
        return out

    @property
    def warnings(self) -> list[str]:
        """The warnings in English (the result format's language-neutral default)."""
        return self.warnings_in("en")

    def to_dict(self, lang: str = "en", as_of: dt.date | None = None) -> dict[str, Any]:
        """The result object of the answers format, ready for `json.dumps`.

        `as_of` words the dates in its sentences relative to that day; without it they read
        "from <date>", true on any day, which is what is stored (a stored result must not
        change with the calendar)."""
        return {
            "format": 1,
            "ruleset": {"version": self.ruleset.version, "sha256": self.ruleset.sha256},
            "tier": self.tier.value,
            "scope_reason": self.scope_reason,
            "gpai": self.gpai.value,
            "needs_review": self.needs_review,
            "uncertain": list(self.uncertain),
            "obligations": [
                {
                    "id": o.obligation.id,
                    "title": text_in(o.obligation.title, lang),
                    "role": o.role,
                    "articles": list(o.obligation.articles),
                    "applies_from": o.applies_from.date.isoformat(),
                }
                for o in self.obligations
            ],
            "trace": [
                {
                    "rule": r.id,
                    "articles": list(r.articles),
                    "because": self.because(r, lang, as_of),
                }
                for r in self.trace
            ],
            "warnings": self.warnings_in(lang),
            "notes": self.contradictions_in(lang),
        }

    def contradictions_in(self, lang: str = "en") -> list[dict[str, Any]]:
        """Answers the Act's definitions override: the founder's answer kept, the reading applied.

        Each is an open point: the question, the answer given, the rule whose definition
        decides, its articles and the sentence saying why.
        """
        out: list[dict[str, Any]] = []
        for rule in self.trace:
            for qid in rule.then.contradicts:
                given = self.answers.get(qid)
                out.append(
                    {
                        "question": qid,
                        "answer": list(given) if isinstance(given, tuple) else given,
                        "rule": rule.id,
                        "articles": list(rule.articles),
                        "text": text_in(rule.because, lang),  # stored: timeless "from"
                    }
                )
        return out


def text_in(text: Text | None, lang: str, as_of: dt.date | None = None) -> str:
    """The text in `lang`, falling back to English (every text has English), its dates
    worded relative to `as_of`, the day of the assessment (`wording.relative_dates`)."""
    if not text:
        return ""
    chosen = text.get(lang) or text.get("en", "")
    if "{when:" not in chosen:
        return chosen
    from actcheck.rules.wording import relative_dates

    return relative_dates(chosen, lang, as_of)
