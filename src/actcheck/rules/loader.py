"""Load `rules/` into a validated, compiled `Ruleset`, or refuse it with `file:line` reasons.

A bad rule set must never reach a founder, so everything is checked here, once, at load
time. First each file's shape, against its JSON Schema (`actcheck.rules.shapes`): unknown
keys, missing texts, malformed ids, dates, article references and sources. Then, here, what
no schema of one file can see: texts in every language of ruleset.yaml, conditions naming
questions, values, facts or dates that exist, sources for every article cited, duplicate
ids, and questions that no path of the questionnaire can reach.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from actcheck.rules.conditions import (
    Assignment,
    ConditionError,
    Scope,
    all_of,
    parse_condition,
    witnesses,
)
from actcheck.rules.engine import walk
from actcheck.rules.loading import RulesetError
from actcheck.rules.located import YamlError, line_of
from actcheck.rules.model import (
    NO,
    ROLES,
    YES,
    AppliesTo,
    Area,
    Areas,
    Case,
    Choice,
    Condition,
    DateChoice,
    DutyKind,
    Effect,
    Expectation,
    GpaiTrack,
    Kind,
    LegalDate,
    Obligation,
    Penalty,
    Question,
    Role,
    Rule,
    Ruleset,
    Section,
    Source,
    Status,
    Text,
    Tier,
)

TYPE_CHECKING = False  # as typing's, read by mypy: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any


@lru_cache(maxsize=1)
def _article() -> re.Pattern[str]:
    from actcheck.rules.shapes import COMMON, schema

    return re.compile(schema(COMMON)["$defs"]["article"]["pattern"])


def __getattr__(name: str) -> re.Pattern[str]:
    """`ARTICLE`, an article reference: one paragraph and point per reference, never a range
    ("Art. 5(2)-(7)" hides five references from the checks: list them). Unnumbered
    paragraphs are named ("Art. 113, first paragraph"). The pattern is the rule files'
    schema's, one copy, compiled on first use: a rule set from the cache never needs it."""
    if name == "ARTICLE":
        return _article()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=1)
def _literal_date() -> re.Pattern[str]:
    """A date written out in a text ("2 August 2026", "1er août 2026"): dates come from
    dates.yaml. Compiled on first use: a rule set read from the cache never needs it."""
    from actcheck.rules.wording import MONTHS

    months = "|".join(name for names in MONTHS.values() for name in names)
    return re.compile(rf"\b\d{{1,2}}(?:er)?\s+(?:{months})\s+\d{{4}}\b")


DATE_PLACEHOLDER = re.compile(r"\{(date|when):([a-z0-9_]+)\}")


def fill_dates(value: str, lang: str, dates: Mapping[str, dt.date]) -> str:
    """A rule text with its dates taken from dates.yaml (principle 10 of issue 13).

    `{date:ID}` becomes the date as `lang` writes it; `{when:ID}` is kept as
    `{when:YYYY-MM-DD}` for `text_in` to word relative to the day of the assessment
    ("from 2 August 2026" before it, "since 2 August 2026" after).

    Raises:
        ValueError: a date is written out (it would neither follow dates.yaml nor read
            right the day after it passed), or a placeholder names no date.
    """
    written = _literal_date().search(value)
    if written is not None:
        raise ValueError(
            f"the date {written.group()!r} is written out: write {{date:ID}}, or {{when:ID}} "
            "for 'from/since', with the ID of a date of dates.yaml"
        )
    if "{" not in value:
        return value
    from actcheck.rules.wording import format_date  # a cached rule set's texts are filled

    def fill(match: re.Match[str]) -> str:
        kind, did = match.group(1), match.group(2)
        day = dates.get(did)
        if day is None:
            raise ValueError(f"{match.group()} names no date of dates.yaml")
        return format_date(day, lang) if kind == "date" else f"{{when:{day.isoformat()}}}"

    return DATE_PLACEHOLDER.sub(fill, value)


def read_and_check(root: Path) -> Ruleset:
    """The rule set in `root`, read from its files and checked (`loading.load_ruleset` calls
    this when neither the process nor the cache has it).

    Raises:
        RulesetError: listing every problem found.
    """
    return _Loader(root, sha=ruleset_sha256(root)).load()


def ruleset_sha256(root: Path) -> str:
    """A hash of every rule file: any change to the law as encoded changes it."""
    digest = hashlib.sha256()
    for file in sorted(root.rglob("*.yaml")):
        digest.update(file.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(file.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass
class _Loader:
    root: Path
    sha: str = ""
    problems: list[str] = field(default_factory=list)
    languages: tuple[str, ...] = ("en",)
    """Languages every text must have."""
    partial: tuple[str, ...] = ()
    """Languages being translated: allowed on a text, not yet required."""
    where: str = ""
    known_dates: dict[str, dt.date] = field(default_factory=dict)
    """The dates of dates.yaml by id, read first: every text takes its dates from them."""
    act_url: str = ""
    """The Act on EUR-Lex (`eur_lex.act` of ruleset.yaml): what source links must match."""
    amending_url: str = ""
    files: dict[str, Any] = field(default_factory=dict)
    """Every rule file by path under `rules/`, in the order the rule set is built."""

    # -- reporting -------------------------------------------------------------------------

    def fail(self, line: int, message: str) -> None:
        self.problems.append(
            f"{self.where}:{line}: {message}" if line else f"{self.where}: {message}"
        )

    # -- reading: every file, each checked against its schema ------------------------------

    def read_all(self) -> None:
        """Read every rule file and check its shape; stop here, with every problem of every
        file, when one is unreadable or misshapen (what follows relies on the shapes)."""
        folders = {
            folder: sorted(p.name for p in (self.root / folder).glob("*.yaml"))
            for folder in ("questions", "classification", "obligations")
        }
        if not folders["questions"]:
            self.where = "rules/questions"
            self.fail(0, "no question files")
        names = ["ruleset.yaml", "dates.yaml", "conditions.yaml"]
        names += [f"{folder}/{name}" for folder, files in folders.items() for name in files]
        for relative in names:
            self.files[relative] = self.read(relative)
        if self.problems:
            raise RulesetError(self.problems)

    def read(self, relative: str) -> Any:
        self.where = f"rules/{relative}"
        # Imported here: a rule set from the cache needs neither PyYAML nor the schemas.
        from actcheck.rules.shapes import shape_problems
        from actcheck.rules.yamlio import load_yaml

        try:
            doc = load_yaml((self.root / relative).read_bytes())
        except FileNotFoundError:
            self.fail(0, "file is missing")
            return None
        except YamlError as exc:
            self.fail(exc.line, exc.message)
            return None
        kind = relative.split("/")[0].removesuffix(".yaml")
        for line, message in shape_problems(doc, kind):
            self.fail(line, message)
        return doc

    def open(self, relative: str) -> Any:
        """A file `read_all` read and checked, `where` pointing at it."""
        self.where = f"rules/{relative}"
        return self.files[relative]

    def under(self, folder: str) -> list[str]:
        return [name for name in self.files if name.startswith(f"{folder}/")]

    # -- pieces shared by every file -------------------------------------------------------

    def text(self, raw: Mapping[str, str], line: int, what: str) -> Text:
        """A text in every language of ruleset.yaml, its dates filled from dates.yaml."""
        for lang in self.languages:
            if lang not in raw:
                self.fail(line, f"{what} has no {lang!r} text")
        for lang in raw:
            if lang not in self.languages and lang not in self.partial:
                self.fail(line, f"{what}: language {lang!r} is not in ruleset.yaml languages")
        return {str(k): self.dated(v, str(k), line, what) for k, v in raw.items()}

    def dated(self, value: str, lang: str, line: int, what: str) -> str:
        """A text with its dates taken from dates.yaml (see `fill_dates`)."""
        try:
            return fill_dates(str(value).strip(), lang, self.known_dates)
        except ValueError as exc:
            self.fail(line, f"{what}: {exc}")
            return value

    def opt_text(self, raw: Mapping[str, Any], key: str, what: str) -> Text | None:
        if raw.get(key) is None:
            return None
        return self.text(raw[key], line_of(raw), f"{what} {key}")

    def condition(self, raw: Any, scope: Scope, line: int, what: str) -> Condition | None:
        try:
            return parse_condition(raw, scope, line)
        except ConditionError as exc:
            self.fail(exc.line or line, f"{what}: {exc.message}")
            return None

    def ident(self, value: str, line: int, what: str, seen: set[str]) -> str:
        """An id, refused when an earlier entry of its kind has it."""
        if value in seen:
            self.fail(line, f"{what}: id {value!r} is used twice")
        seen.add(value)
        return value

    # -- the files -------------------------------------------------------------------------

    def load(self) -> Ruleset:
        self.read_all()
        head = self.open("ruleset.yaml")
        self.languages = tuple(str(x) for x in head["languages"])
        self.partial = tuple(str(x) for x in head.get("partial_languages") or ())
        self.act_url = eur_lex = str(head["eur_lex"]["act"])
        self.amending_url = amending = str(head["eur_lex"]["amending"])
        dates = self.load_dates()  # before any text: texts take their dates from them
        self.open("ruleset.yaml")
        law = self.text(head["law"], line_of(head), "law")
        labels = {
            str(k): self.text(v, line_of(head["labels"]), f"label {k}")
            for k, v in head["labels"].items()
        }
        raw_sections, raw_questions, raw_whens = self.load_question_files()
        named = self.load_named_conditions(raw_questions)
        questions, sections = self.compile_question_conditions(
            raw_questions, raw_sections, raw_whens, named
        )
        rules, facts = self.load_rules(questions, named)
        obligations = self.load_obligations(questions, named, facts, dates)
        if self.problems:
            raise RulesetError(self.problems)
        ruleset = Ruleset(
            version=str(head["version"]),
            sha256=self.sha or ruleset_sha256(self.root),
            law=law,
            languages=self.languages,
            labels=labels,
            eur_lex=eur_lex,
            eur_lex_amending=amending,
            sections=sections,
            questions=questions,
            rules=rules,
            obligations=obligations,
            dates=dates,
            conditions=named,
        )
        self.check_reachable(ruleset, named)
        self.check_cases(ruleset)
        if self.problems:
            raise RulesetError(self.problems)
        return ruleset

    def load_dates(self) -> dict[str, LegalDate]:
        entries = self.open("dates.yaml")["dates"] or []
        for raw in entries:  # first the days, which labels may name
            self.known_dates.setdefault(raw["id"], raw["date"])
        out: dict[str, LegalDate] = {}
        seen: set[str] = set()
        for raw in entries:
            line = line_of(raw)
            did = self.ident(raw["id"], line, "date", seen)
            out[did] = LegalDate(
                id=did,
                date=raw["date"],
                articles=tuple(raw["articles"]),
                status=Status(raw["status"]),
                label=self.text(raw["label"], line, f"date {did} label"),
                sources=tuple(self.load_sources(raw, f"date {did}")),
            )
        return out

    def load_question_files(
        self,
    ) -> tuple[
        list[tuple[str, Text, Text | None, Text | None, list[str]]],
        dict[str, Question],
        dict[str, tuple[Any, Any, int, str]],
    ]:
        sections: list[tuple[str, Text, Text | None, Text | None, list[str]]] = []
        questions: dict[str, Question] = {}
        raw_whens: dict[str, tuple[Any, Any, int, str]] = {}
        seen_sections: set[str] = set()
        seen: set[str] = set()
        for relative in self.under("questions"):
            doc = self.open(relative)
            line = line_of(doc)
            sid = self.ident(doc["section"], line, "section", seen_sections)
            ids: list[str] = []
            for raw in doc["questions"] or []:
                question = self.load_question(raw, sid, seen)
                questions[question.id] = question
                ids.append(question.id)
                raw_whens[question.id] = (
                    doc.get("when"),
                    raw.get("when"),
                    line_of(raw),
                    self.where,
                )
            sections.append(
                (
                    sid,
                    self.text(doc["title"], line, "section title"),
                    self.opt_text(doc, "intro", "section"),
                    self.opt_text(doc, "not_needed", "section"),
                    ids,
                )
            )
        return sections, questions, raw_whens

    def load_sources(self, raw: Mapping[str, Any], what: str) -> list[Source]:
        """The `sources` of a rule, question, obligation or date, one parser for every
        entry; every article the entry cites needs one linking to it (its `Ruleset.link` in
        English), so that a reader can open each article the entry rests on."""
        listed = raw["sources"]
        sources = [
            Source(
                title=str(src["title"]),
                href=str(src["href"]),
                status=Status(src["status"]),
                checked_on=src["checked_on"],
            )
            for src in listed
        ]
        from actcheck.rules.wording import eur_lex_link  # a cached rule set was checked

        links = {source.href for source in sources}
        for ref in raw["articles"]:
            expected = eur_lex_link(ref, "en", act=self.act_url, amending=self.amending_url)
            if expected not in links:
                self.fail(
                    line_of(raw),
                    f"{what}: no source links to {ref}: add one with href {expected}",
                )
        return sources

    def load_question(self, raw: Mapping[str, Any], section: str, seen: set[str]) -> Question:
        line = line_of(raw)
        qid = self.ident(raw["id"], line, "question", seen)
        values: set[str] = set()
        choices = [
            Choice(
                value=self.ident(
                    choice["value"], line_of(choice), f"question {qid} choice", values
                ),
                label=self.text(choice["label"], line_of(choice), f"question {qid} choice label"),
                help=self.opt_text(choice, "help", f"question {qid} choice"),
            )
            for choice in raw.get("choices") or []
        ]
        unsure = raw.get("unsure_means")
        judgment = raw.get("judgment")
        return Question(
            id=qid,
            kind=Kind(raw["kind"]),
            section=section,
            text=self.text(raw["text"], line, f"question {qid} text"),
            help=self.opt_text(raw, "help", f"question {qid}"),
            example=self.opt_text(raw, "example", f"question {qid}"),
            articles=tuple(raw["articles"]),
            choices=tuple(choices),
            unsure_means=YES if unsure is True else NO if unsure is False else unsure,  # YAML 1.1
            optional=bool(raw.get("optional", False)),
            added_in=None if raw.get("added_in") is None else str(raw["added_in"]),
            judgment=judgment if isinstance(judgment, bool) else None,
            choose_error=self.opt_text(raw, "choose_error", f"question {qid}"),
            areas=self.load_areas(raw, qid, values),
            present_tense=bool(raw.get("present_tense", False)),
            sources=tuple(self.load_sources(raw, f"question {qid}")),
            location=f"{self.where}:{line}",
        )

    def load_areas(self, raw: Mapping[str, Any], qid: str, values: set[str]) -> Areas | None:
        """A question's areas (its shape checked by the schema); each of the question's
        values must be the use of exactly one area."""
        block = raw.get("areas")
        if block is None:
            return None
        what = f"question {qid} areas"
        ids: set[str] = set()
        placed: dict[str, str] = {}
        areas = []
        for item in block["list"]:
            line = line_of(item)
            area_id = self.ident(item["id"], line, f"{what} area", ids)
            for use in item["uses"]:
                if use not in values:
                    self.fail(line, f"{what}: area {area_id} lists {use!r}, not a choice")
                elif use in placed:
                    self.fail(line, f"{what}: {use!r} is in areas {placed[use]} and {area_id}")
                placed.setdefault(use, area_id)
            areas.append(
                Area(
                    id=area_id,
                    label=self.text(item["label"], line, f"{what} {area_id} label"),
                    hint=self.text(item["hint"], line, f"{what} {area_id} hint"),
                    heading=self.text(item["heading"], line, f"{what} {area_id} heading"),
                    point=str(item["point"]),
                    uses=tuple(item["uses"]),
                )
            )
        for value in sorted(values - placed.keys()):
            self.fail(line_of(block), f"{what}: choice {value!r} is in no area")
        line = line_of(block)
        return Areas(
            text=self.text(block["text"], line, f"{what} text"),
            hint=self.text(block["hint"], line, f"{what} hint"),
            choose_error=self.text(block["choose_error"], line, f"{what} choose_error"),
            uses_hint=self.text(block["uses_hint"], line, f"{what} uses_hint"),
            areas=tuple(areas),
        )

    def load_named_conditions(self, questions: Mapping[str, Question]) -> dict[str, Condition]:
        doc = self.open("conditions.yaml")
        named: dict[str, Condition] = {}
        for name, raw in (doc["conditions"] or {}).items():
            scope = Scope(questions=questions, named=dict(named))
            condition = self.condition(raw, scope, line_of(doc["conditions"]), f"condition {name}")
            if condition is not None:
                named[str(name)] = condition
        return named

    def compile_question_conditions(
        self,
        questions: dict[str, Question],
        sections: list[tuple[str, Text, Text | None, Text | None, list[str]]],
        raw_whens: Mapping[str, tuple[Any, Any, int, str]],
        named: Mapping[str, Condition],
    ) -> tuple[dict[str, Question], tuple[Section, ...]]:
        # A section's condition may only name questions of earlier sections, so the walk
        # can test it once per section; a question's own condition any earlier question.
        before: set[str] = set()
        compiled: dict[str, Question] = {}
        built: list[Section] = []
        for sid, title, intro, not_needed, ids in sections:
            section_when: Condition | None = None
            if ids and raw_whens[ids[0]][0] is not None:
                raw_section, _, line, where = raw_whens[ids[0]]
                self.where = where
                scope = Scope(questions=questions, named=named, before=set(before))
                section_when = self.condition(raw_section, scope, line, f"section {sid} when")
            for qid in ids:
                _, raw_own, line, where = raw_whens[qid]
                self.where = where
                own: Condition | None = None
                if raw_own is not None:
                    scope = Scope(questions=questions, named=named, before=set(before))
                    own = self.condition(raw_own, scope, line, f"question {qid} when")
                compiled[qid] = replace(questions[qid], when=_both(section_when, own), own_when=own)
                before.add(qid)
            built.append(
                Section(
                    id=sid,
                    title=title,
                    intro=intro,
                    not_needed=not_needed,
                    questions=tuple(compiled[q] for q in ids),
                    when=section_when,
                )
            )
        return compiled, tuple(built)

    def load_rules(
        self, questions: Mapping[str, Question], named: Mapping[str, Condition]
    ) -> tuple[tuple[Rule, ...], set[str]]:
        rules: list[Rule] = []
        facts: set[str] = set()
        seen: set[str] = set()
        for relative in self.under("classification"):
            for raw in self.open(relative)["rules"] or []:
                rule = self.load_rule(raw, questions, named, facts, seen)
                if rule is not None:
                    rules.append(rule)
                    facts.update(rule.then.facts)
        return tuple(rules), facts

    def load_rule(
        self,
        raw: Mapping[str, Any],
        questions: Mapping[str, Question],
        named: Mapping[str, Condition],
        facts: set[str],
        seen: set[str],
    ) -> Rule | None:
        line = line_of(raw)
        rid = self.ident(raw["id"], line, "rule", seen)
        scope = Scope(questions=questions, named=named, facts=set(facts))
        when = self.condition(raw["when"], scope, line, f"rule {rid} when")
        then = self.load_effect(raw["then"])
        for qid in then.contradicts:
            if qid not in questions:
                self.fail(line, f"rule {rid}: contradicts unknown question {qid!r}")
        sources = self.load_sources(raw, f"rule {rid}")
        if when is None:
            return None
        return Rule(
            id=rid,
            title=self.text(raw["title"], line, f"rule {rid} title"),
            applies_to=AppliesTo(raw.get("applies_to", "system")),
            when=when,
            then=then,
            articles=tuple(raw["articles"]),
            status=Status(raw["status"]),
            because=self.text(raw["because"], line, f"rule {rid} because"),
            note=self.opt_text(raw, "note", f"rule {rid}"),
            sources=tuple(sources),
            tests=tuple(self.load_cases(raw.get("tests") or [])),
            location=f"{self.where}:{line}",
        )

    @staticmethod
    def load_effect(raw: Mapping[str, Any]) -> Effect:
        return Effect(
            tier=Tier(raw["tier"]) if "tier" in raw else None,
            out_of_scope=raw.get("out_of_scope"),
            gpai=GpaiTrack(raw["gpai"]) if "gpai" in raw else None,
            facts=tuple(raw.get("facts") or ()),
            roles=tuple(Role(r) for r in raw.get("roles") or ()),
            contradicts=tuple(str(q) for q in raw.get("contradicts") or ()),
            warning=bool(raw.get("warning", False)),
        )

    def load_cases(self, raws: Iterable[Mapping[str, Any]]) -> Iterable[Case]:
        """The example cases of a rule's `tests` or a scenario file, their shape checked."""
        for raw in raws:
            expect = raw["expect"]
            yield Case(
                name=str(raw["name"]),
                answers=dict(raw["answers"]),
                expect=Expectation(
                    tier=expect.get("tier"),
                    scope_reason=expect.get("scope_reason"),
                    check_scope_reason="scope_reason" in expect,
                    gpai=expect.get("gpai"),
                    needs_review=expect.get("needs_review"),
                    uncertain=tuple(expect["uncertain"]) if "uncertain" in expect else None,
                    obligations_include=tuple(expect.get("obligations_include") or ()),
                    obligations_exclude=tuple(expect.get("obligations_exclude") or ()),
                    applies_from=dict(expect.get("applies_from") or {}),
                    fires=tuple(expect.get("fires") or ()),
                    not_fires=tuple(expect.get("not_fires") or ()),
                    notes=tuple(expect["notes"]) if "notes" in expect else None,
                    warnings_include=tuple(expect.get("warnings_include") or ()),
                ),
                location=f"{self.where}:{line_of(raw)}",
                decided_by=str(raw.get("decided_by", "")),
            )

    def load_obligations(
        self,
        questions: Mapping[str, Question],
        named: Mapping[str, Condition],
        facts: set[str],
        dates: Mapping[str, LegalDate],
    ) -> dict[str, Obligation]:
        out: dict[str, Obligation] = {}
        seen: set[str] = set()
        for relative in self.under("obligations"):
            for raw in self.open(relative)["obligations"] or []:
                obligation = self.load_obligation(raw, questions, named, facts, dates, seen)
                out[obligation.id] = obligation
        return out

    def load_obligation(
        self,
        raw: Mapping[str, Any],
        questions: Mapping[str, Question],
        named: Mapping[str, Condition],
        facts: set[str],
        dates: Mapping[str, LegalDate],
        seen: set[str],
    ) -> Obligation:
        line = line_of(raw)
        oid = self.ident(raw["id"], line, "obligation", seen)
        scope = Scope(questions=questions, named=named, facts=facts)
        when = None
        if raw.get("when") is not None:
            when = self.condition(raw["when"], scope, line, f"obligation {oid} when")
        return Obligation(
            id=oid,
            title=self.text(raw["title"], line, f"obligation {oid} title"),
            roles=tuple(Role(r) for r in raw["roles"]),
            applies_to=AppliesTo(raw.get("applies_to", "system")),
            when=when,
            articles=tuple(raw["articles"]),
            applies_from=self.load_date_choices(raw["applies_from"], scope, dates, line, oid),
            status=Status(raw["status"]),
            penalty=Penalty(raw["penalty"]),
            summary=self.text(raw["summary"], line, f"obligation {oid} summary"),
            todo=self.text(raw["todo"], line, f"obligation {oid} todo"),
            kind=DutyKind(raw["kind"]),
            weight=int(raw.get("weight", 0)),
            note=self.opt_text(raw, "note", f"obligation {oid}"),
            sources=tuple(self.load_sources(raw, f"obligation {oid}")),
            location=f"{self.where}:{line}",
        )

    def load_date_choices(
        self, raw: Any, scope: Scope, dates: Mapping[str, LegalDate], line: int, oid: str
    ) -> tuple[DateChoice, ...]:
        """`applies_from`: a date name, or {when, date} entries whose first match wins and
        whose last, the default, has no `when` (an order no schema of JSON can state)."""
        entries = [{"date": raw}] if isinstance(raw, str) else raw
        out: list[DateChoice] = []
        for index, entry in enumerate(entries):
            eline = line_of(entry) or line
            legal = dates.get(entry["date"])
            if legal is None:
                self.fail(
                    eline,
                    f"obligation {oid}: unknown date {entry['date']!r}; known: {', '.join(dates)}",
                )
                continue
            when = None
            if "when" in entry:
                when = self.condition(entry["when"], scope, eline, f"obligation {oid} applies_from")
            elif index != len(entries) - 1:
                self.fail(
                    eline, f"obligation {oid}: only the last applies_from entry may omit 'when'"
                )
            out.append(DateChoice(date=legal, when=when))
        if out and out[-1].when is not None:
            self.fail(
                line,
                f"obligation {oid}: the last applies_from entry must have no 'when' "
                "(the default date)",
            )
        return tuple(out)

    # -- whole-set checks --------------------------------------------------------------------

    def check_reachable(self, ruleset: Ruleset, named: Mapping[str, Condition]) -> None:
        for question in ruleset.questions.values():
            if question.when is None:
                continue
            if not _reachable(ruleset, question, named):
                self.where, _, line = question.location.rpartition(":")
                self.fail(
                    int(line), f"question {question.id}: no path of the questionnaire reaches it"
                )

    def check_cases(self, ruleset: Ruleset) -> None:
        rule_ids = {r.id for r in ruleset.rules}
        for rule in ruleset.rules:
            for case in rule.tests:
                self.where, _, line = case.location.rpartition(":")
                for ref in case.expect.obligations_include + case.expect.obligations_exclude:
                    oid, _, role = ref.partition("@")
                    if oid not in ruleset.obligations or (role and role not in ROLES):
                        self.fail(int(line), f"test {case.name!r}: unknown obligation {ref!r}")
                for rid in case.expect.fires + case.expect.not_fires:
                    if rid not in rule_ids:
                        self.fail(int(line), f"test {case.name!r}: unknown rule {rid!r}")
                for qid in case.answers:
                    if qid not in ruleset.questions:
                        self.fail(int(line), f"test {case.name!r}: unknown question {qid!r}")


def _both(section: Condition | None, own: Condition | None) -> Condition | None:
    """A question's whole condition: its section's and its own."""
    if section is None or own is None:
        return section or own
    return Condition(
        source={"all": [section.source, own.source]},
        test=all_of((section.test, own.test)),
        questions=section.questions | own.questions,
    )


def _reachable(
    ruleset: Ruleset, target: Question, named: Mapping[str, Condition], depth: int = 6
) -> bool:
    """Whether some answers reach `target`: try the condition's witnesses, and make the
    questions they answer reachable in turn."""
    assert target.when is not None  # noqa: S101 - only called for conditional questions
    pending: list[Assignment] = witnesses(target.when.source, named, ruleset.questions)
    tried = 0
    while pending and tried < 256:
        assignment = pending.pop(0)
        tried += 1
        answers = {q: v for q, v in assignment.items() if v is not None}
        reached = set(walk(ruleset, answers).reached)
        if target.id in reached:
            return True
        if depth <= 0:
            continue
        for qid in answers:
            if qid in reached:
                continue
            needed = ruleset.questions[qid].when
            if needed is None:
                continue
            for extra in witnesses(needed.source, named, ruleset.questions, limit=8):
                merged = dict(assignment)
                if all(merged.setdefault(k, v) == v for k, v in extra.items()):
                    pending.append(merged)
        depth -= 1
    return False
