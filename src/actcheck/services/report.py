"""The PDF report: the document a founder sends to an investor, a lawyer or an auditor.

`build_context` turns a `Result` and the report's metadata into plain values for the
template; `render_html` renders `templates/report/report.html` (Jinja, autoescaped,
`StrictUndefined`); `render_pdf` lays it out with WeasyPrint, tagged (PDF/UA-1), with the
answers file attached and the rule set recorded in the document information; `ReportCache`
keeps finished PDFs on disk so that a repeat download is not rendered again.

Founders' text (company and system names, descriptions) ends up in the document, so the
template escapes it, and WeasyPrint only ever gets `PackageAssetFetcher`, which serves the
package's own fonts and refuses every other URL.

Words: the rule set's labels for what the command line and the web pages share (tiers,
roles, scope reasons), `templates/report/messages.yaml` for the report's own, and
`rules/report/*.yaml` for the legal content the core does not hold (penalty bands, SME
support), each with its articles and source status.

No Flask here: the `actcheck report` command and the web app share this module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import mimetypes
import os
import re
import tempfile
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import jinja2
from markupsafe import Markup
from weasyprint import HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from actcheck import __version__
from actcheck.rules.answers import dump_answers
from actcheck.rules.engine import assess, walk
from actcheck.rules.loader import ARTICLE, default_rules_dir
from actcheck.rules.model import (
    ROLES,
    UNSURE,
    AnswerValue,
    Condition,
    GpaiTrack,
    Kind,
    LegalDate,
    ObligationResult,
    Penalty,
    Question,
    Result,
    Ruleset,
    Status,
    Text,
    Tier,
    text_in,
)
from actcheck.rules.wording import MONTHS, format_article, format_date
from actcheck.rules.yamlio import load_yaml
from actcheck.services.report_embed import (
    ATTACHMENT_NAME,
    META_REFERENCE,
    META_RULESET_SHA256,
    META_RULESET_VERSION,
    META_TEMPLATE,
)

log = logging.getLogger(__name__)

#: Bump when the report's code-side wording or structure changes; template, CSS and message
#: edits change the template digest by themselves (see `template_version`).
TEMPLATE_VERSION = "1"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
STATIC_DIR = PACKAGE_DIR / "static"
#: File types the PDF may load from the package: fonts and print assets, nothing else.
ASSET_SUFFIXES = frozenset({".otf", ".ttf", ".woff", ".woff2", ".css", ".svg", ".png"})
#: How much of a founder's name the cover and the running header show (the appendix
#: always shows the full answer).
SHORT_NAME = 140
HEADER_NAME = 60
SME_SIZES = ("micro", "small", "medium")
SHORT_MONTHS = {
    "en": [m[:3] for m in MONTHS["en"]],
    "fr": [
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ],
}
#: The order of urgency between fine bands, heaviest first.
SEVERITY = {
    Penalty.ART_99_3: 0,
    Penalty.ART_101: 1,
    Penalty.ART_99_4: 2,
    Penalty.ART_99_5: 3,
    Penalty.MEMBER_STATE: 4,
}


def report_templates_dir() -> Path:
    """`templates/` as shipped: inside the installed package, else at the checkout's root."""
    shipped = PACKAGE_DIR / "data" / "templates"
    if shipped.is_dir():
        return shipped
    return PACKAGE_DIR.parent.parent / "templates"


# -- Words -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _messages() -> Mapping[str, Mapping[str, str]]:
    raw = load_yaml((report_templates_dir() / "report" / "messages.yaml").read_bytes())
    return {str(lang): {str(k): str(v) for k, v in table.items()} for lang, table in raw.items()}


class Words:
    """The report's words in one language, English where a text lacks it.

    `t` raises `KeyError` on an unknown key: like `StrictUndefined`, a typo must fail the
    render, not print an empty string.
    """

    def __init__(self, ruleset: Ruleset, lang: str) -> None:
        self.ruleset = ruleset
        self.lang = lang
        messages = _messages()
        self.table = {**messages["en"], **messages.get(lang, {})}

    def t(self, key: str, **values: Any) -> str:
        return self.table[key].format(**values)

    def plural(self, key: str, n: int, **values: Any) -> str:
        one = n <= 1 if self.lang == "fr" else n == 1
        return self.t(f"{key}.{'one' if one else 'other'}", n=n, **values)

    def label(self, key: str, **values: Any) -> str:
        """A label of the rule set (`tier.high_risk`, `role.provider`, ...)."""
        text = text_in(self.ruleset.labels.get(key), self.lang)
        if not text:
            raise KeyError(f"the rule set has no label {key!r}")
        return text.format(**values)

    def text(self, value: Text | None) -> str:
        return _clean(text_in(value, self.lang))

    def date(self, day: dt.date) -> str:
        return format_date(day, self.lang)

    def short_date(self, day: dt.date) -> str:
        months = SHORT_MONTHS.get(self.lang)
        if months is None:
            return self.date(day)
        return f"{day.day} {months[day.month - 1]} {day.year}"

    def days(self, n: int) -> str:
        if n == 0:
            return self.t("days.today")
        return self.t("days.one") if n == 1 else self.t("days.other", n=self.number(n))

    def number(self, n: int) -> str:
        text = f"{n:,}"
        return text.replace(",", "\u202f") if self.lang == "fr" else text

    def euros(self, amount: int) -> str:
        return f"{self.number(amount)} €" if self.lang == "fr" else f"€{self.number(amount)}"

    def article(self, ref: str) -> str:
        return format_article(ref, self.lang)


# -- The report's legal data (rules/report/*.yaml) ------------------------------------------


@dataclass(frozen=True)
class PenaltyBand:
    id: str
    articles: tuple[str, ...]
    status: Status
    title: Text
    covers: Text
    fined_by: Text
    amount_eur: int | None
    turnover_percent: int | None


@dataclass(frozen=True)
class SizeRule:
    articles: tuple[str, ...]
    status: Status
    sizes: tuple[str, ...]
    bands: tuple[str, ...]
    text: Text


@dataclass(frozen=True)
class SupportItem:
    id: str
    articles: tuple[str, ...]
    status: Status
    sizes: tuple[str, ...]
    high_risk_provider: bool
    title: Text
    text: Text


@dataclass(frozen=True)
class ReportLaw:
    """Penalty bands and SME support: legal content with articles, kept in `rules/report/`."""

    bands: Mapping[str, PenaltyBand]
    sme: SizeRule
    small_mid_cap: SizeRule
    factors: SizeRule
    support: tuple[SupportItem, ...]


class ReportDataError(ValueError):
    """A file of `rules/report/` is malformed."""


@lru_cache(maxsize=4)
def load_report_law(rules_dir: Path | None = None) -> ReportLaw:
    """Read `rules/report/penalties.yaml` and `sme-support.yaml`, checking every citation.

    Raises:
        ReportDataError: naming the file and what is wrong.
    """
    root = (rules_dir or default_rules_dir()) / "report"

    def read(name: str) -> Any:
        try:
            return load_yaml((root / name).read_bytes())
        except (OSError, ValueError) as exc:
            raise ReportDataError(f"rules/report/{name}: {exc}") from exc

    def articles(raw: Any, where: str) -> tuple[str, ...]:
        if not isinstance(raw, list) or not raw:
            raise ReportDataError(f"{where}: articles must be a non-empty list")
        for ref in raw:
            if not isinstance(ref, str) or not ARTICLE.match(ref):
                raise ReportDataError(f"{where}: {ref!r} is not an article reference")
        return tuple(raw)

    def text(raw: Any, where: str) -> Text:
        if not isinstance(raw, Mapping) or not raw.get("en"):
            raise ReportDataError(f"{where}: a text needs at least English, like {{en: ...}}")
        return {str(k): " ".join(str(v).split()) for k, v in raw.items()}

    def size_rule(raw: Any, where: str) -> SizeRule:
        return SizeRule(
            articles=articles(raw.get("articles"), where),
            status=Status(raw["status"]),
            sizes=tuple(raw.get("applies_to", ())),
            bands=tuple(raw.get("bands", ())),
            text=text(raw.get("text"), where),
        )

    doc = read("penalties.yaml")
    bands: dict[str, PenaltyBand] = {}
    for raw in doc["bands"]:
        where = f"rules/report/penalties.yaml: band {raw.get('id')}"
        Penalty(raw["id"])  # every band is one that an obligation can name
        bands[raw["id"]] = PenaltyBand(
            id=raw["id"],
            articles=articles(raw.get("articles"), where),
            status=Status(raw["status"]),
            title=text(raw.get("title"), where),
            covers=text(raw.get("covers"), where),
            fined_by=text(raw.get("fined_by"), where),
            amount_eur=raw.get("amount_eur"),
            turnover_percent=raw.get("turnover_percent"),
        )
    missing = {p.value for p in Penalty} - set(bands)
    if missing:
        raise ReportDataError(f"rules/report/penalties.yaml: no band for {sorted(missing)}")
    support = tuple(
        SupportItem(
            id=raw["id"],
            articles=articles(raw.get("articles"), f"rules/report/sme-support.yaml: {raw['id']}"),
            status=Status(raw["status"]),
            sizes=tuple(raw["sizes"]),
            high_risk_provider=bool(raw.get("high_risk_provider", False)),
            title=text(raw.get("title"), raw["id"]),
            text=text(raw.get("text"), raw["id"]),
        )
        for raw in read("sme-support.yaml")["support"]
    )
    return ReportLaw(
        bands=bands,
        sme=size_rule(doc["sme"], "penalties.yaml: sme"),
        small_mid_cap=size_rule(doc["small_mid_cap"], "penalties.yaml: small_mid_cap"),
        factors=size_rule(doc["factors"], "penalties.yaml: factors"),
        support=support,
    )


# -- Report metadata and the view values the template reads ---------------------------------


@dataclass(frozen=True)
class ReportMeta:
    """What the report says about itself, beyond the answers.

    Attributes:
        assessed_on: the date of the assessment; "in force" and "in N days" count from it,
            so a report reads the same whenever it is downloaded again.
        reference: the assessment reference printed on every page.
        lang: the report's language (one of the rule set's languages).
        organisation: overrides the `org.name` answer on the cover.
        system: overrides the `system.name` answer on the cover.
    """

    assessed_on: dt.date
    reference: str
    lang: str = "en"
    organisation: str | None = None
    system: str | None = None
    # An advisor's note that disagrees with the computed tier (issue 5), already worded in
    # the report's language: printed beside the result, never instead of it.
    advisor_note: str | None = None


def report_answers(result: Result) -> dict[str, AnswerValue]:
    """The answers a report carries: those on the path (others play no part)."""
    reached = set(result.reached)
    return {q: v for q, v in result.answers.items() if q in reached}


def answers_file(result: Result, header: str = "") -> str:
    """The answers file (answers format v1) a report embeds."""
    return dump_answers(report_answers(result), result.ruleset, header=header)


def default_reference(result: Result, assessed_on: dt.date) -> str:
    """A stable reference for a report made outside the web app: date and answers hash."""
    digest = hashlib.sha256((answers_file(result) + result.ruleset.sha256).encode("utf-8"))
    return f"AC-{assessed_on:%Y%m%d}-{digest.hexdigest()[:8].upper()}"


@dataclass(frozen=True)
class Ref:
    """An article reference as the reader's language writes it, and its EUR-Lex link."""

    text: str
    href: str


@dataclass(frozen=True)
class AnswerView:
    qid: str
    question: str
    help: str
    values: tuple[str, ...]
    """The answer in words: one item, or one per ticked choice (empty: none ticked)."""
    unsure: bool
    read_as: str
    kind: str


@dataclass(frozen=True)
class TraceStep:
    number: int
    title: str
    because: str
    note: str
    articles: tuple[Ref, ...]
    status: str
    answers: tuple[AnswerView, ...]


@dataclass(frozen=True)
class ObligationView:
    id: str
    anchor: str
    title: str
    role: str
    summary: str
    todo: str
    first_step: str
    note: str
    articles: tuple[Ref, ...]
    status: str
    date: dt.date
    date_status: str
    in_force: bool
    days: int
    penalty: str


@dataclass(frozen=True)
class RoleGroup:
    role: str
    title: str
    obligations: tuple[ObligationView, ...]
    in_force: int


@dataclass(frozen=True)
class TimelineEvent:
    number: int
    date: dt.date
    label: str
    articles: tuple[Ref, ...]
    status: str
    in_force: bool
    days: int
    obligations: int
    x: float
    level: int
    flip: bool


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    axis_y: int
    level_height: int
    x0: float
    x1: float
    years: tuple[tuple[float, int], ...]
    events: tuple[TimelineEvent, ...]
    today_x: float
    description: str


@dataclass(frozen=True)
class BandView:
    id: str
    title: str
    articles: tuple[Ref, ...]
    status: str
    covers: str
    fined_by: str
    cap: str
    size_rule: str
    size_refs: tuple[Ref, ...]
    size_status: str
    obligations: tuple[str, ...]


@dataclass(frozen=True)
class SupportView:
    title: str
    text: str
    articles: tuple[Ref, ...]
    status: str
    relevant: bool


@dataclass(frozen=True)
class OpenPoint:
    answer: AnswerView
    other: str
    changes: tuple[str, ...]
    changes_result: bool


@dataclass(frozen=True)
class AppendixSection:
    title: str
    answers: tuple[AnswerView, ...]


@dataclass(frozen=True)
class Section:
    anchor: str
    number: str
    title: str


_ART = re.compile(r"^Art\. (\d+)([a-z]?)")
_ANNEX = re.compile(r"^Annex ([IVX]+)")
_RECITAL = re.compile(r"^Recital (\d+)$")


def article_href(ruleset: Ruleset, ref: str) -> str:
    """A link to the article in the Official Journal text on EUR-Lex.

    The OJ text is the 2024 original: articles the 2026 amendments inserted (Art. 4a,
    Art. 60a) have no anchor there, so they link to the act as a whole.
    """
    base = ruleset.eur_lex
    if (m := _ART.match(ref)) is not None:
        return base if m.group(2) else f"{base}#art_{m.group(1)}"
    if (m := _ANNEX.match(ref)) is not None:
        return f"{base}#anx_{m.group(1)}"
    if (m := _RECITAL.match(ref)) is not None:
        return f"{base}#rct_{m.group(1)}"
    return base


def _clean(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str | None, limit: int) -> str:
    """One line of at most `limit` characters, cut at a word where it can be."""
    if not text:
        return ""
    flat = _clean(text)
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«“\"(])")


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(_clean(text), maxsplit=1)[0]


# -- Building the context -------------------------------------------------------------------


class _Builder:
    """Builds the view values of one report; holds the result, its words and its date."""

    def __init__(self, result: Result, meta: ReportMeta, law: ReportLaw) -> None:
        self.result = result
        self.rs = result.ruleset
        self.meta = meta
        self.on = meta.assessed_on
        self.law = law
        self.w = Words(result.ruleset, meta.lang)

    # answers ---------------------------------------------------------------------------

    def refs(self, articles: Iterable[str]) -> tuple[Ref, ...]:
        return tuple(Ref(self.w.article(a), article_href(self.rs, a)) for a in articles)

    def value_words(self, question: Question, value: AnswerValue | None) -> tuple[str, ...]:
        w = self.w
        if value is None or value == "":
            return (w.t("not_answered"),)
        if question.kind is Kind.TEXT:
            return (str(value),)
        labels = {c.value: w.text(c.label) for c in question.choices}
        if isinstance(value, tuple):
            return tuple(labels.get(v, v) for v in value)
        if question.kind in (Kind.TRI_STATE, Kind.YES_NO):
            return (w.text(self.rs.labels.get(value)) or value,)
        return (labels.get(value, value),)

    def answer(self, qid: str, only: frozenset[str] | None = None) -> AnswerView:
        """An answer in words; `only`: the ticked choices to show (a trace step shows the
        ones its rule looked for, not every box the founder ticked)."""
        question = self.rs.questions[qid]
        value = self.result.answers.get(qid)
        if only is not None and isinstance(value, tuple):
            value = tuple(v for v in value if v in only) or value
        unsure = value == UNSURE
        read_as = ""
        if unsure and question.unsure_means:
            read_as = self.value_words(question, question.unsure_means)[0]
        return AnswerView(
            qid=qid,
            question=self.w.text(question.text),
            help=self.w.text(question.help),
            values=self.value_words(question, value),
            unsure=unsure,
            read_as=read_as,
            kind=question.kind.value,
        )

    # why ------------------------------------------------------------------------------

    def trace(self) -> tuple[TraceStep, ...]:
        witness = _Witness(self.result)
        return tuple(
            TraceStep(
                number=number,
                title=self.w.text(rule.title),
                because=_clean(self.result.because(rule, self.meta.lang)),
                note=self.w.text(rule.note),
                articles=self.refs(rule.articles),
                status=rule.status.value,
                answers=tuple(
                    self.answer(q, only) for q, only in witness.answers(rule.when).items()
                ),
            )
            for number, rule in enumerate(self.result.trace, start=1)
        )

    # obligations ----------------------------------------------------------------------

    def obligation(self, item: ObligationResult) -> ObligationView:
        ob = item.obligation
        todo = self.w.text(ob.todo)
        return ObligationView(
            id=ob.id,
            anchor=f"ob-{item.role}-{ob.id}",
            title=self.w.text(ob.title),
            role=item.role,
            summary=self.w.text(ob.summary),
            todo=todo,
            first_step=first_sentence(todo),
            note=self.w.text(ob.note),
            articles=self.refs(ob.articles),
            status=ob.status.value,
            date=item.applies_from.date,
            date_status=item.applies_from.status.value,
            in_force=item.applies_from.date <= self.on,
            days=(item.applies_from.date - self.on).days,
            penalty=ob.penalty.value,
        )

    def groups(self, views: Sequence[ObligationView]) -> tuple[RoleGroup, ...]:
        groups = []
        for role in ROLES:
            items = tuple(v for v in views if v.role == role)
            if items:
                groups.append(
                    RoleGroup(
                        role=role,
                        title=self.w.t("ob.as_role", role=self.w.label(f"role.{role}").lower()),
                        obligations=items,
                        in_force=sum(1 for v in items if v.in_force),
                    )
                )
        return tuple(groups)

    def urgent(self, views: Sequence[ObligationView], count: int = 3) -> list[ObligationView]:
        """The most urgent actions: what is in force first, then the nearest dates; the
        heavier fine band, then the catalogue's order, break ties. One line per obligation
        even when it binds several roles."""
        order = {oid: i for i, oid in enumerate(self.rs.obligations)}
        unique: dict[str, ObligationView] = {}
        for view in views:
            unique.setdefault(view.id, view)

        def key(view: ObligationView) -> tuple[int, dt.date, int, int]:
            when = dt.date.min if view.in_force else view.date
            rank = SEVERITY[Penalty(view.penalty)]
            return (0 if view.in_force else 1, when, rank, order[view.id])

        return sorted(unique.values(), key=key)[:count]

    # timeline -------------------------------------------------------------------------

    def timeline(self) -> Timeline:
        dates: dict[str, LegalDate] = {}
        counts: dict[str, set[str]] = {}
        for item in self.result.obligations:
            dates[item.applies_from.id] = item.applies_from
            counts.setdefault(item.applies_from.id, set()).add(item.obligation.id)
        for context_id in ("entry_into_force", "general_application"):
            if context_id in self.rs.dates:
                dates.setdefault(context_id, self.rs.dates[context_id])
        ordered = sorted(dates.values(), key=lambda d: (d.date, d.id))
        width, margin = 1000, 30
        first = min([d.date for d in ordered] + [self.on])
        last = max([d.date for d in ordered] + [self.on])
        start = dt.date(first.year, 1, 1)
        end = dt.date(last.year + 1, 1, 1)
        span = (end - start).days

        def x_of(day: dt.date) -> float:
            return round(margin + (width - 2 * margin) * (day - start).days / span, 1)

        # Each label ("(3) 2 Dec 2027") takes the lowest level above the axis where it
        # overlaps no other label; near the right edge it turns to the left of its marker.
        label_width = 150
        levels: list[list[tuple[float, float]]] = []
        events = []
        for number, date in enumerate(ordered, start=1):
            x = x_of(date.date)
            flip = x + label_width > width - 4
            left, right = (x - label_width, x + 14) if flip else (x - 14, x + label_width)
            level = next(
                (
                    i
                    for i, taken in enumerate(levels)
                    if all(right + 6 < a or left > b + 6 for a, b in taken)
                ),
                len(levels),
            )
            if level == len(levels):
                levels.append([])
            levels[level].append((left, right))
            events.append(
                TimelineEvent(
                    number=number,
                    date=date.date,
                    label=self.w.text(date.label),
                    articles=self.refs(date.articles),
                    status=date.status.value,
                    in_force=date.date <= self.on,
                    days=(date.date - self.on).days,
                    obligations=len(counts.get(date.id, ())),
                    x=x,
                    level=level,
                    flip=flip,
                )
            )
        level_height = 38
        axis_y = 30 + max(1, len(levels)) * level_height
        description = self.w.t(
            "timeline.description",
            start=start.year,
            end=end.year,
            events="; ".join(f"{self.w.date(e.date)}, {e.label}" for e in events),
            date=self.w.date(self.on),
        )
        return Timeline(
            width=width,
            height=axis_y + 78,
            axis_y=axis_y,
            level_height=level_height,
            x0=margin,
            x1=width - margin,
            years=tuple((x_of(dt.date(y, 1, 1)), y) for y in range(start.year, end.year + 1)),
            events=tuple(events),
            today_x=x_of(self.on),
            description=description,
        )

    # penalties and support ------------------------------------------------------------

    def penalties(self, views: Sequence[ObligationView], size: str) -> tuple[BandView, ...]:
        w = self.w
        used: dict[str, list[str]] = {}
        for view in views:
            titles = used.setdefault(view.penalty, [])
            if view.title not in titles:
                titles.append(view.title)
        if views:
            # Misleading information to authorities concerns every operator.
            used.setdefault(Penalty.ART_99_5.value, [])
        out = []
        for band_id, band in self.law.bands.items():
            if band_id not in used:
                continue
            rule = next(
                (
                    r
                    for r in (self.law.sme, self.law.small_mid_cap)
                    if size in r.sizes and band_id in r.bands
                ),
                None,
            )
            if band.amount_eur is None or band.turnover_percent is None:
                cap = w.t("pen.national")
            else:
                cap = w.t(
                    "pen.cap",
                    amount=w.euros(band.amount_eur),
                    percent=band.turnover_percent,
                    which=w.t("pen.lower" if rule else "pen.higher"),
                )
            out.append(
                BandView(
                    id=band_id,
                    title=w.text(band.title),
                    articles=self.refs(band.articles),
                    status=band.status.value,
                    covers=w.text(band.covers),
                    fined_by=w.text(band.fined_by),
                    cap=cap,
                    size_rule=w.text(rule.text) if rule else "",
                    size_refs=self.refs(rule.articles) if rule else (),
                    size_status=rule.status.value if rule else "",
                    obligations=tuple(used[band_id]),
                )
            )
        return tuple(out)

    def support(self, size: str, hr_provider: bool) -> tuple[SupportView, ...]:
        return tuple(
            SupportView(
                title=self.w.text(item.title),
                text=self.w.text(item.text),
                articles=self.refs(item.articles),
                status=item.status.value,
                relevant=hr_provider or not item.high_risk_provider,
            )
            for item in self.law.support
            if size in item.sizes
        )

    # open points and appendix ---------------------------------------------------------

    def open_points(self) -> tuple[OpenPoint, ...]:
        """Every `unsure` answer on the path, and what its other reading would change."""
        result, rs, w = self.result, self.rs, self.w
        base = {o.key for o in result.obligations}
        titles = {oid: w.text(o.title) for oid, o in rs.obligations.items()}
        points = []
        for qid in result.reached:
            if result.answers.get(qid) != UNSURE:
                continue
            question = rs.questions[qid]
            lenient = question.lenient
            if lenient is None:  # pragma: no cover - only tri-state questions take `unsure`
                continue
            other = dict(result.answers)
            other[qid] = lenient
            path = walk(rs, other)
            unanswered = [
                q for q in path.reached if q not in result.answers and not rs.questions[q].optional
            ]
            alt = assess(rs, other)
            changes: list[str] = []
            if alt.tier is not result.tier:
                changes.append(
                    w.t(
                        "open.tier",
                        other=w.label(f"tier.{alt.tier.value}"),
                        tier=w.label(f"tier.{result.tier.value}"),
                    )
                )
            if alt.scope_reason and alt.scope_reason != result.scope_reason:
                changes.append(w.t("open.scope", reason=w.label(f"scope.{alt.scope_reason}")))
            if alt.gpai is not result.gpai:
                words = (
                    w.label(f"gpai.{alt.gpai.value}")
                    if alt.gpai is not GpaiTrack.NONE
                    else w.t("open.gpai_none")
                )
                changes.append(w.t("open.gpai", words=words))
            other_keys = {o.key for o in alt.obligations}
            gone = {k[0] for k in base - other_keys}
            new = {k[0] for k in other_keys - base}
            kept = {k[0] for k in other_keys}
            removed = sorted(gone - kept, key=list(rs.obligations).index)
            added = sorted(new - {k[0] for k in base}, key=list(rs.obligations).index)
            moved = sorted(gone & kept, key=list(rs.obligations).index)
            if removed:
                items = "; ".join(titles[o] for o in removed)
                changes.append(w.plural("open.removed", len(removed), list=items))
            if added:
                items = "; ".join(titles[o] for o in added)
                changes.append(w.plural("open.added", len(added), list=items))
            if moved:
                changes.append(w.t("open.moved", list="; ".join(titles[o] for o in moved)))
            if unanswered:
                asked = "; ".join(w.text(rs.questions[q].text) for q in unanswered)
                changes.append(w.plural("open.unanswered", len(unanswered), list=asked))
            points.append(
                OpenPoint(
                    answer=self.answer(qid),
                    other=self.value_words(question, lenient)[0],
                    changes=tuple(changes),
                    changes_result=qid in result.uncertain,
                )
            )
        return tuple(points)

    def appendix(self) -> tuple[AppendixSection, ...]:
        reached = set(self.result.reached)
        out = []
        for section in self.rs.sections:
            answers = tuple(self.answer(q.id) for q in section.questions if q.id in reached)
            if answers:
                out.append(AppendixSection(title=self.w.text(section.title), answers=answers))
        return tuple(out)


class _Witness:
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


def build_context(
    result: Result, meta: ReportMeta, *, rules_dir: Path | None = None
) -> dict[str, Any]:
    """Everything the report template shows, as plain values.

    Args:
        result: the assessment result (its `answers` are the founder's answers).
        meta: the report's date, reference, language and optional name overrides.
        rules_dir: where `report/penalties.yaml` and `report/sme-support.yaml` live
            (default: the shipped rule set).

    Raises:
        ValueError: the language is not one of the rule set's.
    """
    rs = result.ruleset
    if meta.lang not in rs.languages:
        raise ValueError(
            f"language {meta.lang!r} is not available; the rule set has {', '.join(rs.languages)}."
        )
    b = _Builder(result, meta, load_report_law(rules_dir))
    w = b.w

    def answer_text(qid: str) -> str:
        value = result.answers.get(qid)
        return value if isinstance(value, str) else ""

    organisation = meta.organisation or answer_text("org.name")
    system = meta.system or answer_text("system.name") or w.t("cover.unnamed")
    description = answer_text("system.description")
    size = answer_text("org.size")
    size_words = ""
    if size and "org.size" in rs.questions:
        size_words = b.value_words(rs.questions["org.size"], size)[0].split(":")[0]
    views = [b.obligation(o) for o in result.obligations]
    hr_provider = result.tier is Tier.HIGH_RISK and "provider" in result.roles
    support = b.support(size, hr_provider) if size in (*SME_SIZES, "small_mid_cap") else ()
    coming = sorted({v.date for v in views if not v.in_force})
    tier = result.tier.value
    meaning = [w.label(f"tier_meaning.{tier}")]
    if result.scope_reason:
        meaning.append(w.t("summary.reason", reason=w.label(f"scope.{result.scope_reason}")))
    meaning.append(w.t(f"next.{tier}"))

    anchors = ["summary", "why", "obligations", "timeline", "penalties"]
    if support:
        anchors.append("support")
    anchors += ["open_points", "limits"]
    sections = [Section(a, str(i), w.t(f"section.{a}")) for i, a in enumerate(anchors, start=1)]
    sections.append(Section("appendix", "A", w.t("section.appendix")))
    version = template_version()
    law = w.text(rs.law)
    title_name = shorten(system, 80) + (f" ({shorten(organisation, 60)})" if organisation else "")
    return {
        "lang": meta.lang,
        "t": w.t,
        "plural": w.plural,
        "label": w.label,
        "fmt_date": w.date,
        "fmt_short_date": w.short_date,
        "fmt_days": w.days,
        "version": __version__,
        "reference": meta.reference,
        "assessed_on": meta.assessed_on,
        "organisation": organisation,
        "organisation_short": shorten(organisation, SHORT_NAME),
        "system_short": shorten(system, SHORT_NAME),
        "header_name": shorten(system, HEADER_NAME),
        "description_short": shorten(description, 600),
        "size": size,
        "size_words": size_words,
        "ruleset": rs,
        "law_text": law,
        "tier": tier,
        "tier_name": w.label(f"tier.{tier}"),
        "tier_meaning": " ".join(meaning),
        "gpai_words": (
            w.label(f"gpai.{result.gpai.value}") if result.gpai is not GpaiTrack.NONE else ""
        ),
        "scope_reason": result.scope_reason,
        "needs_review": result.needs_review,
        "uncertain_count": len(result.uncertain),
        "roles": [w.label(f"role.{r}").lower() for r in ROLES if r in result.roles],
        "trace": b.trace(),
        "groups": b.groups(views),
        "obligation_count": len({v.id for v in views}),
        "in_force_count": len({v.id for v in views if v.in_force}),
        "next_date": coming[0] if coming else None,
        "urgent": b.urgent(views),
        "timeline": b.timeline(),
        "bands": b.penalties(views, size),
        "factors": w.text(b.law.factors.text),
        "factor_refs": b.refs(b.law.factors.articles),
        "sme": size in SME_SIZES,
        "small_mid_cap": size == "small_mid_cap",
        "support": support,
        "open_points": b.open_points(),
        "warnings": [
            text_in(rs.labels.get("ignored_answer"), meta.lang).format(question=q)
            for q in result.ignored
        ]
        + list(result.notes),
        "appendix": b.appendix(),
        "sections": sections,
        "section": {s.anchor: s for s in sections},
        "attachment_name": ATTACHMENT_NAME,
        "advisor_note": meta.advisor_note,
        "pdf_title": w.t("pdf.title", system=title_name),
        "pdf_author": shorten(organisation, 120) or "actcheck",
        "pdf_subject": w.t("pdf.subject", law=law, version=rs.version),
        "pdf_keywords": w.t("pdf.keywords", tier=w.label(f"tier.{tier}").lower()),
        "page_counter_css": _page_counter_css(w.table["run.page"]),
        "custom_meta": {
            META_RULESET_VERSION: rs.version,
            META_RULESET_SHA256: rs.sha256,
            META_REFERENCE: meta.reference,
            META_TEMPLATE: version,
        },
    }


# -- Rendering -------------------------------------------------------------------------------


def _css_string(value: str) -> Markup:
    """A CSS string literal for `value`, every character outside [A-Za-z0-9 ] escaped, so
    no text can end the string or the rule it sits in (safe inside <style> as it is)."""
    out = []
    for char in value:
        if char.isascii() and (char.isalnum() or char == " "):
            out.append(char)
        else:
            # Six hex digits and the space that ends the escape (CSS consumes it).
            out.append(f"\\{ord(char):06x} ")
    # Every character that could matter to HTML or CSS is escaped above.
    return Markup('"' + "".join(out) + '"')  # noqa: S704


def _page_counter_css(template: str) -> Markup:
    """`Page {page} of {pages}` as CSS content: strings and page counters."""
    parts = re.split(r"(\{page\}|\{pages\})", template)
    out = []
    for part in parts:
        if part == "{page}":
            out.append("counter(page)")
        elif part == "{pages}":
            out.append("counter(pages)")
        elif part:
            out.append(str(_css_string(part)))
    return Markup(" ".join(out))  # noqa: S704 - built from _css_string and counters only


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(report_templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = _css_string
    return env


@lru_cache(maxsize=1)
def template_version() -> str:
    """`TEMPLATE_VERSION` and a digest of the report templates, print CSS and messages."""
    digest = hashlib.sha256(TEMPLATE_VERSION.encode())
    folder = report_templates_dir() / "report"
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return f"{TEMPLATE_VERSION}.{digest.hexdigest()[:12]}"


def render_html(
    context: Mapping[str, Any],
    *,
    asset_base: str = "",
    preview: bool = False,
    style_nonce: str = "",
) -> str:
    """The report as one HTML document (print CSS inline).

    Args:
        context: from `build_context`.
        asset_base: prefix of the font URLs: "" for the PDF (resolved against the package's
            static folder), the URL of that folder (ending in "/") for a web preview.
        preview: a web preview (pages drawn as sheets on screen).
        style_nonce: the Content-Security-Policy nonce of the inline <style> (web preview).
    """
    template = _environment().get_template("report/report.html")
    return template.render(
        **context, asset_base=asset_base, preview=preview, style_nonce=style_nonce
    )


class PackageAssetFetcher(URLFetcher):  # type: ignore[misc]
    """A WeasyPrint URL fetcher that serves the package's own assets and refuses the rest.

    Only `file:` URLs that resolve (after symlinks and `..`) to a file under one of `roots`
    with an asset suffix are read; every other URL (http, data, other files, anything a
    founder could have typed) is refused, logged and recorded in `refused`.
    """

    def __init__(self, roots: Sequence[Path] = (STATIC_DIR,)) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.fetched: list[str] = []
        self.refused: list[str] = []
        self._lock = threading.Lock()

    def local_path(self, url: str) -> Path | None:
        """The package file `url` names, or None when it may not be read."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        if parts.query or parts.fragment:
            return None
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve()
        except (OSError, ValueError):
            return None
        if path.suffix.lower() not in ASSET_SUFFIXES or not path.is_file():
            return None
        if not any(path.is_relative_to(root) for root in self.roots):
            return None
        return path

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = self.local_path(url)
        with self._lock:
            (self.refused if path is None else self.fetched).append(url)
        if path is None:
            log.warning("report: refused to fetch %.200s", url)
            raise ValueError(f"actcheck reports load only their own assets, not {url[:200]}")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": kind}
        )


_fonts = threading.local()


def _font_config() -> FontConfiguration:
    """This thread's WeasyPrint font configuration, kept from one report to the next.

    Registering the report's @font-face fonts with Fontconfig costs about half a second;
    a kept configuration finds them registered already (WeasyPrint keys them by their
    descriptors) and skips it. One per thread: Fontconfig objects are not shared across
    threads.
    """
    config: FontConfiguration | None = getattr(_fonts, "config", None)
    if config is None:
        config = FontConfiguration()
        _fonts.config = config
    return config


def render_pdf(
    result: Result,
    meta: ReportMeta,
    *,
    url_fetcher: PackageAssetFetcher | None = None,
    rules_dir: Path | None = None,
) -> bytes:
    """The PDF report: tagged (PDF/UA-1), with the answers file attached.

    Args:
        result: the assessment result.
        meta: date, reference, language, optional name overrides.
        url_fetcher: a `PackageAssetFetcher` (default: a new one); tests pass their own to
            see what was fetched.
        rules_dir: see `build_context`.
    """
    context = build_context(result, meta, rules_dir=rules_dir)
    html = render_html(context)
    fetcher = url_fetcher if url_fetcher is not None else PackageAssetFetcher()
    assessed = dt.datetime.combine(meta.assessed_on, dt.time(12, 0))
    header = (
        f"actcheck answers file, attached to report {shorten(meta.reference, 80)}\n"
        f"Assessed on {meta.assessed_on.isoformat()} with rule set {result.ruleset.version} "
        f"(sha256 {result.ruleset.sha256}).\n"
        "Assess again with: actcheck assess REPORT.pdf (or this file)."
    )
    attachment = Attachment(
        string=answers_file(result, header).encode("utf-8"),
        name=ATTACHMENT_NAME,
        description=Words(result.ruleset, meta.lang).t("attachment"),
        created=assessed,
        modified=assessed,
        relationship="Source",
    )
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(
        font_config=_font_config(),
        pdf_variant="pdf/ua-1",
        attachments=[attachment],
        custom_metadata=True,
    )
    return pdf


# -- The cache -------------------------------------------------------------------------------


def report_key(result: Result, meta: ReportMeta) -> str:
    """The cache key of a report: the answers, the rule-set hash, the language and the
    template version, and what the report prints about itself (date, reference, names)."""
    parts = {
        "answers": answers_file(result),
        "ruleset": result.ruleset.sha256,
        "lang": meta.lang,
        "template": template_version(),
        "actcheck": __version__,
        "assessed_on": meta.assessed_on.isoformat(),
        "reference": meta.reference,
        "organisation": meta.organisation,
        "system": meta.system,
        "advisor_note": meta.advisor_note,
    }
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


@dataclass
class ReportCache:
    """Finished PDFs in a directory, keyed by `report_key`.

    Writes are atomic (a temporary file renamed into place), so several processes or
    instances can share one directory. Beyond `max_entries`, the oldest files go.
    """

    directory: Path
    max_entries: int = 1000
    hits: int = field(default=0, init=False)
    misses: int = field(default=0, init=False)

    ENV = "ACTCHECK_REPORT_CACHE_DIR"

    @classmethod
    def from_env(cls, default: Path | None = None) -> ReportCache:
        """The cache in `$ACTCHECK_REPORT_CACHE_DIR`, else in `default`, else in a per-user
        folder of the system's temporary directory."""
        configured = os.environ.get(cls.ENV)
        if configured:
            return cls(Path(configured))
        if default is not None:
            return cls(default)
        return cls(_private_temp_dir())

    def _path(self, key: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{64}", key):
            raise ValueError(f"not a report key: {key!r}")
        return self.directory / f"{key}.pdf"

    def get(self, key: str) -> bytes | None:
        try:
            data = self._path(key).read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        # Owner-only: reports hold what founders typed.
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".pdf")
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._prune()

    def _prune(self) -> None:
        files = list(self.directory.glob("[0-9a-f]*.pdf"))
        if len(files) <= self.max_entries:
            return
        files.sort(key=lambda p: p.stat().st_mtime)
        for path in files[: len(files) - self.max_entries]:
            path.unlink(missing_ok=True)


def _private_temp_dir() -> Path:
    """`<tmp>/actcheck-<uid>/reports`, made owner-only; a fresh folder when someone else
    owns that path (a shared temporary directory must not let another user plant reports)."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the temp folder is per user
        return Path(tempfile.gettempdir()) / "actcheck" / "reports"
    base = Path(tempfile.gettempdir()) / f"actcheck-{os.getuid()}"
    try:
        base.mkdir(mode=0o700, exist_ok=True)
        if base.lstat().st_uid == os.getuid() and not base.is_symlink():
            base.chmod(0o700)
            return base / "reports"
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="actcheck-reports-"))


#: One rendering at a time per process. Rendering holds the GIL for seconds: two at once in
#: one gunicorn worker take as long as one after the other, and starve the pages its other
#: threads serve (bench/load.py: page p95 from seconds to under 0.3 s with 2 workers).
_RENDERING = threading.BoundedSemaphore(1)


def get_report(
    result: Result,
    meta: ReportMeta,
    *,
    cache: ReportCache | None = None,
    url_fetcher: PackageAssetFetcher | None = None,
) -> bytes:
    """The PDF report, from `cache` when it holds it, else rendered (and then cached)."""
    if cache is None:
        return render_pdf(result, meta, url_fetcher=url_fetcher)
    key = report_key(result, meta)
    data = cache.get(key)
    if data is not None:
        return data
    with _RENDERING:
        data = render_pdf(result, meta, url_fetcher=url_fetcher)
    try:
        cache.put(key, data)
    except OSError as exc:  # a full or read-only cache must not cost the founder the report
        log.warning("report cache %s: cannot write (%s)", cache.directory, exc)
    return data
