"""Load `rules/` into a validated, compiled `Ruleset`, or refuse it with `file:line` reasons.

A bad rule set must never reach a founder, so everything is checked here, once, at load
time: unknown keys, missing texts or languages, malformed article references, conditions
naming questions, values, facts or dates that do not exist, obligations without articles or
dates, duplicate ids, and questions that no path of the questionnaire can reach.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from actcheck.rules.conditions import (
    Assignment,
    ConditionError,
    Scope,
    parse_condition,
    witnesses,
)
from actcheck.rules.engine import walk
from actcheck.rules.located import LineDict, YamlError, line_of
from actcheck.rules.model import (
    ROLES,
    SCOPE_REASONS,
    AppliesTo,
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
from actcheck.rules.wording import MONTHS, eur_lex_link, format_date

#: An article reference: one paragraph and point per reference, never a range ("Art. 5(2)-(7)"
#: hides five references from the checks: list them). Unnumbered paragraphs are named
#: ("Art. 113, first paragraph").
ARTICLE = re.compile(
    r"^(Art\. \d+[a-z]?(\([0-9a-z]+\))*(, (first|second|third) (sub)?paragraph)?"
    r"|Annex [IVX]+( Section [AB])?( \d+(\([a-z]\))?)?"
    r"|Recital \d+)$"
)
EUR_LEX = "https://eur-lex.europa.eu/"


@lru_cache(maxsize=1)
def _literal_date() -> re.Pattern[str]:
    """A date written out in a text ("2 August 2026", "1er août 2026"): dates come from
    dates.yaml. Compiled on first use: a rule set read from the cache never needs it."""
    months = "|".join(name for names in MONTHS.values() for name in names)
    return re.compile(rf"\b\d{{1,2}}(?:er)?\s+(?:{months})\s+\d{{4}}\b")


DATE_PLACEHOLDER = re.compile(r"\{(date|when):([a-z0-9_]+)\}")
_SOURCE_HINT = (
    'add one per article cited, like {title: "Regulation (EU) 2024/1689, Article 9", '
    'href: "https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32024R1689#art_9", '
    "status: confirmed, checked_on: 2026-12-03}"
)
ID = re.compile(r"^[a-z0-9]+([-_.][a-z0-9]+)*$")
#: The heaviest an obligation can weigh (`weight`, from 0).
MAX_WEIGHT = 9


def fill_dates(value: str, lang: str, dates: Mapping[str, dt.date], *, check: bool = True) -> str:
    """A rule text with its dates taken from dates.yaml (principle 10 of issue 13).

    `{date:ID}` becomes the date as `lang` writes it; `{when:ID}` is kept as
    `{when:YYYY-MM-DD}` for `text_in` to word relative to the day of the assessment
    ("from 2 August 2026" before it, "since 2 August 2026" after).

    `check=False` skips the search for written-out dates (a cached rule set had it).

    Raises:
        ValueError: a date is written out (it would neither follow dates.yaml nor read
            right the day after it passed), or a placeholder names no date.
    """
    written = _literal_date().search(value) if check else None
    if written is not None:
        raise ValueError(
            f"the date {written.group()!r} is written out: write {{date:ID}}, or {{when:ID}} "
            "for 'from/since', with the ID of a date of dates.yaml"
        )
    if "{" not in value:
        return value

    def fill(match: re.Match[str]) -> str:
        kind, did = match.group(1), match.group(2)
        day = dates.get(did)
        if day is None:
            raise ValueError(f"{match.group()} names no date of dates.yaml")
        return format_date(day, lang) if kind == "date" else f"{{when:{day.isoformat()}}}"

    return DATE_PLACEHOLDER.sub(fill, value)


class RulesetError(ValueError):
    """The rule set is invalid; `problems` holds one `file:line: what is wrong` per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def default_rules_dir() -> Path:
    """`rules/` as shipped: inside the installed package, else beside `src/` in a checkout."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "data" / "rules"
    if shipped.is_dir():
        return shipped
    return package.parent.parent / "rules"


class DocumentCache(Protocol):
    """Where a caller keeps the parsed documents of rule sets that passed every check, by
    rule-set hash (`actcheck.rules_cache` keeps them as files). The core never chooses a
    place on disk: the command line and the web app hand one in, or none."""

    def get(self, sha: str) -> dict[str, Any] | None: ...

    def put(self, sha: str, docs: dict[str, Any]) -> None: ...


#: Rule sets loaded in this process, by directory, the newest last (at most `KEEP_LOADED`).
_LOADED: dict[Path, Ruleset] = {}
KEEP_LOADED = 4


def load_ruleset(path: Path | None = None, cache: DocumentCache | None = None) -> Ruleset:
    """Load and validate the rule set, once per directory and process: a later call returns
    the same rule set, whatever cache it names.

    Parsing YAML is most of the start-up time of `actcheck assess`, so once a rule set has
    passed every check, its parsed documents go to `cache` (when given) under the rule-set
    hash; the same bytes are then rebuilt from them, skipping only the whole-set checks they
    already passed.

    Raises:
        RulesetError: listing every problem found.
    """
    root = path or default_rules_dir()
    ruleset = _LOADED.get(root)
    if ruleset is None:
        ruleset = _read_ruleset(root, cache)
        _LOADED[root] = ruleset
        while len(_LOADED) > KEEP_LOADED:
            del _LOADED[next(iter(_LOADED))]
    return ruleset


def forget_loaded() -> None:
    """Drop the rule sets loaded in this process (a test that edits rule files)."""
    _LOADED.clear()


def _read_ruleset(root: Path, cache: DocumentCache | None) -> Ruleset:
    sha = ruleset_sha256(root)
    docs = cache.get(sha) if cache is not None else None
    loader = _Loader(root, sha=sha, docs=docs)
    ruleset = loader.load()
    if cache is not None and docs is None:
        cache.put(sha, loader.parsed)
    return ruleset


#: The layout of cached documents: a new layout must not read what the old one wrote.
CACHE_FORMAT = 2


class _CachedSources(list[tuple[str, str, str, str]]):
    """An entry's `sources` as the cache keeps them: rows, not mappings, because every
    JSON object costs a call of the decoding hook and an entry has a few (start-up time)."""


def _encode(value: Any) -> Any:
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        out = {str(k): _encode(v) for k, v in value.items()}
        sources = value.get("sources")
        if isinstance(sources, list) and all(isinstance(s, dict) for s in sources):
            out["sources"] = {
                "$sources": [
                    [s.get("title"), s.get("href"), s.get("status"), str(s.get("checked_on"))]
                    for s in sources
                ]
            }
        out["$line"] = line_of(value)
        return out
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(obj: dict[str, Any]) -> Any:
    if "$date" in obj:
        return dt.date.fromisoformat(obj["$date"])
    if "$sources" in obj:
        return _CachedSources(tuple(row) for row in obj["$sources"])
    data = LineDict()
    data.line = obj.pop("$line", 0)
    data.update(obj)
    return data


def encode_documents(docs: dict[str, Any]) -> str:
    """Parsed documents as JSON text, with what JSON lacks (dates, line numbers) marked."""
    return json.dumps(_encode(docs))


def decode_documents(text: str) -> dict[str, Any]:
    """The documents `encode_documents` wrote, as the loader reads them.

    Raises:
        ValueError: the text is not such JSON.
    """
    docs = json.loads(text, object_hook=_decode)
    if not isinstance(docs, dict):
        raise ValueError("cached rule documents must be a JSON object")
    return docs


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
    docs: dict[str, Any] | None = None
    """Documents already parsed from these exact bytes (and validated) by an earlier run."""
    parsed: dict[str, Any] = field(default_factory=dict)
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

    # -- reporting -------------------------------------------------------------------------

    def fail(self, line: int, message: str) -> None:
        self.problems.append(
            f"{self.where}:{line}: {message}" if line else f"{self.where}: {message}"
        )

    def read(self, relative: str) -> Any:
        self.where = f"rules/{relative}"
        if self.docs is not None and relative in self.docs:
            return self.docs[relative]
        from actcheck.rules.yamlio import load_yaml  # only when the cache cannot serve

        path = self.root / relative
        try:
            self.parsed[relative] = doc = load_yaml(path.read_bytes())
            return doc
        except FileNotFoundError:
            self.fail(0, "file is missing")
        except YamlError as exc:
            self.fail(exc.line, exc.message)
        return None

    def keys(self, raw: Any, required: Iterable[str], optional: Iterable[str], what: str) -> bool:
        line = line_of(raw)
        if not isinstance(raw, Mapping):
            self.fail(line, f"{what} must be a mapping")
            return False
        required = tuple(required)
        allowed = set(required) | set(optional)
        ok = True
        for key in raw:
            if key not in allowed:
                self.fail(
                    line, f"{what}: unknown key {key!r}; allowed: {', '.join(sorted(allowed))}"
                )
                ok = False
        for key in required:
            if key not in raw:
                self.fail(line, f"{what}: {key!r} is required")
                ok = False
        return ok

    def text(self, raw: Any, line: int, what: str) -> Text:
        if self.docs is not None and isinstance(raw, Mapping):
            # Read from the cache, which only holds checked rule sets: fill the dates only.
            return {
                str(k): self.dated(v, str(k), line, what) if "{" in v else str(v).strip()
                for k, v in raw.items()
            }
        if not isinstance(raw, Mapping):
            self.fail(line, f"{what} must be a mapping of language to text, like {{en: ...}}")
            return {}
        for lang in self.languages:
            value = raw.get(lang)
            if not isinstance(value, str) or not value.strip():
                self.fail(line, f"{what} has no {lang!r} text")
        for lang in raw:
            if lang not in self.languages and lang not in self.partial:
                self.fail(line, f"{what}: language {lang!r} is not in ruleset.yaml languages")
        return {str(k): self.dated(str(v).strip(), str(k), line, what) for k, v in raw.items()}

    def dated(self, value: str, lang: str, line: int, what: str) -> str:
        """A text with its dates taken from dates.yaml (see `fill_dates`)."""
        cached = self.docs is not None  # checked for written-out dates when it was cached
        try:
            return fill_dates(str(value).strip(), lang, self.known_dates, check=not cached)
        except ValueError as exc:
            self.fail(line, f"{what}: {exc}")
            return value

    def opt_text(self, raw: Mapping[str, Any], key: str, what: str) -> Text | None:
        if raw.get(key) is None:
            return None
        return self.text(raw[key], line_of(raw), f"{what} {key}")

    def articles(self, raw: Any, line: int, what: str) -> tuple[str, ...]:
        if not isinstance(raw, list) or not raw:
            self.fail(line, f"{what}: 'articles' must be a non-empty list like [\"Art. 9\"]")
            return ()
        for ref in raw:
            if not isinstance(ref, str) or not ARTICLE.match(ref):
                self.fail(
                    line,
                    f"{what}: article reference {ref!r} is not written like 'Art. 6(2)', "
                    f"'Art. 5(1)(f)' or 'Annex III 4(a)'",
                )
        return tuple(str(r) for r in raw)

    def enum(self, cls: Any, value: Any, line: int, what: str) -> Any:
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(m.value for m in cls)
            self.fail(line, f"{what}: {value!r} is not one of {allowed}")
            return None

    def condition(self, raw: Any, scope: Scope, line: int, what: str) -> Condition | None:
        try:
            return parse_condition(raw, scope, line)
        except ConditionError as exc:
            self.fail(exc.line or line, f"{what}: {exc.message}")
            return None

    def ident(self, value: Any, line: int, what: str, seen: set[str]) -> str:
        if not isinstance(value, str) or not ID.match(value):
            self.fail(line, f"{what}: id {value!r} must be lower-case words joined by - _ or .")
            return str(value)
        if value in seen:
            self.fail(line, f"{what}: id {value!r} is used twice")
        seen.add(value)
        return value

    # -- the files -------------------------------------------------------------------------

    def load(self) -> Ruleset:
        head = self.read("ruleset.yaml")
        version, eur_lex, amending = "", "", ""
        law: Text = {}
        labels: dict[str, Text] = {}
        required = ["version", "law", "languages", "labels", "eur_lex"]
        head_ok = self.keys(head, required, ["partial_languages"], "ruleset")
        if head_ok:
            langs = head["languages"]
            if not isinstance(langs, list) or "en" not in langs:
                self.fail(line_of(head), "languages must be a list that includes 'en'")
            else:
                self.languages = tuple(str(x) for x in langs)
            self.partial = tuple(str(x) for x in head.get("partial_languages") or ())
            version = str(head["version"])
            eur_lex, amending = self.eur_lex(head["eur_lex"], line_of(head))
            self.act_url, self.amending_url = eur_lex, amending
        dates = self.load_dates()  # before any text: texts take their dates from them
        self.where = "rules/ruleset.yaml"
        if head_ok:
            law = self.text(head["law"], line_of(head), "law")
            labels = {
                str(k): self.text(v, line_of(head["labels"]), f"label {k}")
                for k, v in (head["labels"] or {}).items()
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
            version=version,
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
        if self.docs is None:  # a cached rule set passed these when it was cached
            self.check_reachable(ruleset, named)
            self.check_cases(ruleset)
        if self.problems:
            raise RulesetError(self.problems)
        return ruleset

    def eur_lex(self, raw: Any, line: int) -> tuple[str, str]:
        """`eur_lex: {act: URL, amending: URL}`, each an EUR-Lex address with `{LANG}`."""
        if not self.keys(raw, ["act", "amending"], [], "eur_lex"):
            return "", ""
        urls = (str(raw["act"]), str(raw["amending"]))
        for url in urls:
            if not url.startswith(EUR_LEX) or "{LANG}" not in url:
                self.fail(line, f"eur_lex: {url!r} must be an {EUR_LEX} address with {{LANG}}")
        return urls

    def load_dates(self) -> dict[str, LegalDate]:
        doc = self.read("dates.yaml")
        out: dict[str, LegalDate] = {}
        if not self.keys(doc, ["dates"], [], "dates.yaml"):
            return out
        seen: set[str] = set()
        for raw in doc["dates"] or []:  # first the days, which labels may name
            if isinstance(raw, Mapping) and isinstance(raw.get("date"), dt.date):
                self.known_dates.setdefault(str(raw.get("id")), raw["date"])
        for raw in doc["dates"] or []:
            line = line_of(raw)
            required = ["id", "date", "articles", "status", "label", "sources"]
            if not self.keys(raw, required, [], "date"):
                continue
            did = self.ident(raw["id"], line, "date", seen)
            if not isinstance(raw["date"], dt.date):
                self.fail(line, f"date {did}: {raw['date']!r} is not a date like 2027-12-02")
                continue
            out[did] = LegalDate(
                id=did,
                date=raw["date"],
                articles=self.articles(raw["articles"], line, f"date {did}"),
                status=self.enum(Status, raw["status"], line, f"date {did} status"),
                label=self.text(raw["label"], line, f"date {did} label"),
                sources=tuple(self.load_sources(raw, f"date {did}")),
            )
        return out

    def load_question_files(
        self,
    ) -> tuple[
        list[tuple[str, Text, Text | None, list[str]]],
        dict[str, Question],
        dict[str, tuple[Any, Any, int, str]],
    ]:
        sections: list[tuple[str, Text, Text | None, list[str]]] = []
        questions: dict[str, Question] = {}
        raw_whens: dict[str, tuple[Any, Any, int, str]] = {}
        seen_sections: set[str] = set()
        seen: set[str] = set()
        files = sorted((self.root / "questions").glob("*.yaml"))
        if not files:
            self.where = "rules/questions"
            self.fail(0, "no question files")
        for file in files:
            doc = self.read(f"questions/{file.name}")
            if not self.keys(doc, ["section", "title", "questions"], ["intro", "when"], "section"):
                continue
            line = line_of(doc)
            sid = self.ident(doc["section"], line, "section", seen_sections)
            ids: list[str] = []
            for raw in doc["questions"] or []:
                question = self.load_question(raw, sid, seen)
                if question is None:
                    continue
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
                    ids,
                )
            )
        return sections, questions, raw_whens

    def load_sources(self, raw: Any, what: str) -> list[Source]:
        """The `sources` of a rule, question, obligation or date: required, and one parser
        for every entry. Each is an EUR-Lex deep link with its status and the day it was
        checked, and every article the entry cites has one (its `Ruleset.link` in English),
        so that a reader can open each article the entry rests on."""
        listed = raw.get("sources")
        if isinstance(listed, _CachedSources):  # the cache only holds checked rule sets
            return [
                Source(title, href, Status(status), dt.date.fromisoformat(day))
                for title, href, status, day in listed
            ]
        line = line_of(raw)
        if not isinstance(listed, list) or not listed:
            self.fail(line, f"{what}: 'sources' is missing: {_SOURCE_HINT}")
            return []
        sources: list[Source] = []
        for src in listed:
            where = line_of(src) or line
            if not self.keys(src, ["title", "href", "status", "checked_on"], [], f"{what} source"):
                continue
            status = self.enum(Status, src["status"], where, f"{what} source status")
            href = str(src["href"])
            if not href.startswith(EUR_LEX):
                self.fail(where, f"{what}: source {href!r} is not an {EUR_LEX} address")
            checked = src["checked_on"]
            if not isinstance(checked, dt.date) or isinstance(checked, dt.datetime):
                self.fail(where, f"{what}: checked_on {checked!r} is not a date like 2026-12-03")
                checked = None
            sources.append(
                Source(title=str(src["title"]), href=href, status=status, checked_on=checked)
            )
        links = {source.href for source in sources}
        articles = raw.get("articles")
        for ref in articles if isinstance(articles, list) else ():  # checked by `articles`
            expected = eur_lex_link(ref, "en", act=self.act_url, amending=self.amending_url)
            if self.act_url and expected not in links:
                self.fail(line, f"{what}: no source links to {ref}: add one with href {expected}")
        return sources

    def load_question(self, raw: Any, section: str, seen: set[str]) -> Question | None:
        fields = ["id", "kind", "text", "articles"]
        optional = [
            "help",
            "example",
            "choices",
            "unsure_means",
            "optional",
            "when",
            "added_in",
        ]
        fields = [*fields, "sources"]
        if not self.keys(raw, fields, optional, "question"):
            return None
        line = line_of(raw)
        qid = self.ident(raw["id"], line, "question", seen)
        kind = self.enum(Kind, raw["kind"], line, f"question {qid} kind")
        if kind is None:
            return None
        choices: list[Choice] = []
        if kind in (Kind.ONE_OF, Kind.ANY_OF):
            values: set[str] = set()
            for choice in raw.get("choices") or []:
                if not self.keys(choice, ["value", "label"], ["help"], f"question {qid} choice"):
                    continue
                cline = line_of(choice)
                self.ident(choice["value"], cline, f"question {qid} choice", values)
                choices.append(
                    Choice(
                        value=str(choice["value"]),
                        label=self.text(choice["label"], cline, f"question {qid} choice label"),
                        help=self.opt_text(choice, "help", f"question {qid} choice"),
                    )
                )
            if not choices:
                self.fail(line, f"question {qid}: a {kind.value} question needs choices")
        elif "choices" in raw:
            self.fail(line, f"question {qid}: only one_of and any_of questions have choices")
        unsure = raw.get("unsure_means")
        unsure = {True: "yes", False: "no"}.get(unsure, unsure)
        if kind is Kind.TRI_STATE and unsure not in ("yes", "no"):
            self.fail(
                line,
                f"question {qid}: a tri_state question needs unsure_means: "
                '"yes" or "no" (the stricter reading)',
            )
        if kind is not Kind.TRI_STATE and unsure is not None:
            self.fail(line, f"question {qid}: unsure_means is only for tri_state questions")
        optional_flag = bool(raw.get("optional", False))
        if optional_flag and kind is not Kind.TEXT:
            self.fail(line, f"question {qid}: only text questions may be optional")
        return Question(
            id=qid,
            kind=kind,
            section=section,
            text=self.text(raw["text"], line, f"question {qid} text"),
            help=self.opt_text(raw, "help", f"question {qid}"),
            example=self.opt_text(raw, "example", f"question {qid}"),
            articles=self.articles(raw["articles"], line, f"question {qid}"),
            choices=tuple(choices),
            unsure_means=unsure,
            optional=optional_flag,
            added_in=None if raw.get("added_in") is None else str(raw["added_in"]),
            sources=tuple(self.load_sources(raw, f"question {qid}")),
            location=f"{self.where}:{line}",
        )

    def load_named_conditions(self, questions: Mapping[str, Question]) -> dict[str, Condition]:
        doc = self.read("conditions.yaml")
        named: dict[str, Condition] = {}
        if not self.keys(doc, ["conditions"], [], "conditions.yaml"):
            return named
        for name, raw in (doc["conditions"] or {}).items():
            scope = Scope(questions=questions, named=dict(named))
            condition = self.condition(raw, scope, line_of(doc["conditions"]), f"condition {name}")
            if condition is not None:
                named[str(name)] = condition
        return named

    def compile_question_conditions(
        self,
        questions: dict[str, Question],
        sections: list[tuple[str, Text, Text | None, list[str]]],
        raw_whens: Mapping[str, tuple[Any, Any, int, str]],
        named: Mapping[str, Condition],
    ) -> tuple[dict[str, Question], tuple[Section, ...]]:
        # A section's condition may only name questions of earlier sections, so the walk
        # can test it once per section; a question's own condition any earlier question.
        before: set[str] = set()
        compiled: dict[str, Question] = {}
        built: list[Section] = []
        for sid, title, intro, ids in sections:
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
        files = sorted((self.root / "classification").glob("*.yaml"))
        for file in files:
            doc = self.read(f"classification/{file.name}")
            if not self.keys(doc, ["rules"], [], "classification file"):
                continue
            for raw in doc["rules"] or []:
                rule = self.load_rule(raw, questions, named, facts, seen)
                if rule is not None:
                    rules.append(rule)
                    facts.update(rule.then.facts)
        return tuple(rules), facts

    def load_rule(
        self,
        raw: Any,
        questions: Mapping[str, Question],
        named: Mapping[str, Condition],
        facts: set[str],
        seen: set[str],
    ) -> Rule | None:
        required = ["id", "title", "when", "then", "articles", "status", "because", "sources"]
        optional = ["applies_to", "note", "tests"]
        if not self.keys(raw, required, optional, "rule"):
            return None
        line = line_of(raw)
        rid = self.ident(raw["id"], line, "rule", seen)
        scope = Scope(questions=questions, named=named, facts=set(facts))
        when = self.condition(raw["when"], scope, line, f"rule {rid} when")
        then = self.load_effect(raw["then"], line, rid)
        for qid in then.contradicts if then is not None else ():
            if qid not in questions:
                self.fail(line, f"rule {rid}: contradicts unknown question {qid!r}")
        sources = self.load_sources(raw, f"rule {rid}")
        applies_to = self.enum(
            AppliesTo, raw.get("applies_to", "system"), line, f"rule {rid} applies_to"
        )
        if when is None or then is None or applies_to is None:
            return None
        return Rule(
            id=rid,
            title=self.text(raw["title"], line, f"rule {rid} title"),
            applies_to=applies_to,
            when=when,
            then=then,
            articles=self.articles(raw["articles"], line, f"rule {rid}"),
            status=self.enum(Status, raw["status"], line, f"rule {rid} status"),
            because=self.text(raw["because"], line, f"rule {rid} because"),
            note=self.opt_text(raw, "note", f"rule {rid}"),
            sources=tuple(sources),
            tests=tuple(self.load_cases(raw.get("tests") or [], f"rule {rid} test")),
            location=f"{self.where}:{line}",
        )

    def load_effect(self, raw: Any, line: int, rid: str) -> Effect | None:
        if not self.keys(
            raw,
            [],
            ["tier", "out_of_scope", "gpai", "facts", "roles", "contradicts"],
            f"rule {rid} then",
        ):
            return None
        if not raw:
            self.fail(line, f"rule {rid}: 'then' decides nothing")
            return None
        tier = None
        if "tier" in raw:
            tier = self.enum(Tier, raw["tier"], line, f"rule {rid} tier")
            if tier is Tier.OUT_OF_SCOPE:
                self.fail(line, f"rule {rid}: use out_of_scope: REASON, not tier: out_of_scope")
        reason = raw.get("out_of_scope")
        if reason is not None and reason not in SCOPE_REASONS:
            self.fail(
                line,
                f"rule {rid}: out_of_scope {reason!r} is not one of {', '.join(SCOPE_REASONS)}",
            )
        gpai = (
            self.enum(GpaiTrack, raw["gpai"], line, f"rule {rid} gpai") if "gpai" in raw else None
        )
        roles = tuple(raw.get("roles") or ())
        for role in roles:
            if role not in ROLES:
                self.fail(line, f"rule {rid}: unknown role {role!r}")
        facts = tuple(raw.get("facts") or ())
        for fact in facts:
            if not isinstance(fact, str) or not ID.match(fact):
                self.fail(line, f"rule {rid}: fact {fact!r} must be a lower-case name")
        contradicts = tuple(str(q) for q in raw.get("contradicts") or ())
        return Effect(
            tier=tier,
            out_of_scope=reason,
            gpai=gpai,
            facts=facts,
            roles=tuple(Role(r) for r in roles if r in ROLES),
            contradicts=contradicts,
        )

    def load_cases(self, raws: Iterable[Any], what: str) -> Iterable[Case]:
        for raw in raws:
            line = line_of(raw)
            if not self.keys(raw, ["name", "answers", "expect"], ["decided_by"], what):
                continue
            expect = raw["expect"]
            keys = [
                "tier", "scope_reason", "gpai", "needs_review", "uncertain",
                "obligations_include", "obligations_exclude", "applies_from", "fires", "not_fires",
                "notes", "warnings_include",
            ]  # fmt: skip
            if not self.keys(expect, [], keys, f"{what} expect") or not isinstance(
                raw["answers"], Mapping
            ):
                continue
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
                location=f"{self.where}:{line}",
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
        for file in sorted((self.root / "obligations").glob("*.yaml")):
            doc = self.read(f"obligations/{file.name}")
            if not self.keys(doc, ["obligations"], [], "obligations file"):
                continue
            for raw in doc["obligations"] or []:
                obligation = self.load_obligation(raw, questions, named, facts, dates, seen)
                if obligation is not None:
                    out[obligation.id] = obligation
        return out

    def load_obligation(
        self,
        raw: Any,
        questions: Mapping[str, Question],
        named: Mapping[str, Condition],
        facts: set[str],
        dates: Mapping[str, LegalDate],
        seen: set[str],
    ) -> Obligation | None:
        required = [
            "id",
            "title",
            "roles",
            "articles",
            "applies_from",
            "status",
            "penalty",
            "summary",
            "todo",
            "sources",
            "kind",
        ]
        if not self.keys(raw, required, ["applies_to", "when", "note", "weight"], "obligation"):
            return None
        line = line_of(raw)
        oid = self.ident(raw["id"], line, "obligation", seen)
        scope = Scope(questions=questions, named=named, facts=facts)
        when = None
        if raw.get("when") is not None:
            when = self.condition(raw["when"], scope, line, f"obligation {oid} when")
        roles = raw["roles"]
        if not isinstance(roles, list) or not roles or any(r not in ROLES for r in roles):
            self.fail(
                line, f"obligation {oid}: roles must be a non-empty list of {', '.join(ROLES)}"
            )
            roles = []
        applies_from = self.load_date_choices(raw["applies_from"], scope, dates, line, oid)
        applies_to = self.enum(
            AppliesTo, raw.get("applies_to", "system"), line, f"obligation {oid} applies_to"
        )
        if applies_to is AppliesTo.MODEL and roles not in (
            [Role.PROVIDER],
            [Role.AUTHORISED_REPRESENTATIVE],
        ):
            # Art. 54: the model provider's representative has duties of its own.
            self.fail(
                line,
                f"obligation {oid}: a model obligation binds the provider or, under Art. 54, "
                "its authorised representative",
            )
        weight = raw.get("weight", 0)
        if type(weight) is not int or not 0 <= weight <= MAX_WEIGHT:
            self.fail(line, f"obligation {oid}: weight must be a whole number from 0 to 9")
            weight = 0
        return Obligation(
            id=oid,
            title=self.text(raw["title"], line, f"obligation {oid} title"),
            roles=tuple(Role(r) for r in roles),
            applies_to=applies_to,
            when=when,
            articles=self.articles(raw["articles"], line, f"obligation {oid}"),
            applies_from=applies_from,
            status=self.enum(Status, raw["status"], line, f"obligation {oid} status"),
            penalty=self.enum(Penalty, raw["penalty"], line, f"obligation {oid} penalty"),
            summary=self.text(raw["summary"], line, f"obligation {oid} summary"),
            todo=self.text(raw["todo"], line, f"obligation {oid} todo"),
            kind=self.enum(DutyKind, raw["kind"], line, f"obligation {oid} kind"),
            weight=weight,
            note=self.opt_text(raw, "note", f"obligation {oid}"),
            sources=tuple(self.load_sources(raw, f"obligation {oid}")),
            location=f"{self.where}:{line}",
        )

    def load_date_choices(
        self, raw: Any, scope: Scope, dates: Mapping[str, LegalDate], line: int, oid: str
    ) -> tuple[DateChoice, ...]:
        entries = [{"date": raw}] if isinstance(raw, str) else raw
        if not isinstance(entries, list) or not entries:
            self.fail(
                line,
                f"obligation {oid}: applies_from must be a date name or a list of {{when, date}}",
            )
            return ()
        out: list[DateChoice] = []
        for index, entry in enumerate(entries):
            eline = line_of(entry) or line
            if not self.keys(entry, ["date"], ["when"], f"obligation {oid} applies_from"):
                continue
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
    first, second = section.test, own.test
    return Condition(
        source={"all": [section.source, own.source]},
        test=lambda ctx: first(ctx) and second(ctx),
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
