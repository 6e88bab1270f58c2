"""`Writer`: what every document module uses to word a draft from a `Result`.

It holds the document's language and says each sentence in it (`t(en, fr)`: the two
languages side by side, as the rule files keep them), reads the founder's answers as
worded in that language, records every legal basis the draft cites (linked to EUR-Lex in
that language, as the report links them), and assembles the `Draft`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from actcheck.rules.model import Kind, Result, Rule, Status, text_in
from actcheck.rules.wording import format_article, format_date
from actcheck.services.drafts.content import (
    STATUS_RANK,
    Block,
    Bullets,
    Citation,
    DocSection,
    Draft,
    DraftLabels,
    Filled,
    Para,
    Table,
    ToComplete,
)
from actcheck.text import shown

#: References to the Act in actcheck's own wording and the rule set's sentences: an article
#: (with its paragraph and point) in either language, an annex as each language writes it.
_ARTICLE = re.compile(r"\bArt\. \d+[a-z]?(?:\(\d+[a-z]?\))?(?:\([a-z]+\))?")
_ANNEX_EN = re.compile(r"\bAnnex ([IVX]+)(?: Section ([A-C]))?")
_ANNEX_FR = re.compile(r"\bannexe ([IVX]+)(?:, section ([A-C]))?")


def references(text: str, lang: str) -> list[str]:
    """The Act's articles and annexes a sentence names, as the rule files write them."""
    found = _ARTICLE.findall(text)
    for num, section in (_ANNEX_FR if lang == "fr" else _ANNEX_EN).findall(text):
        found.append(f"Annex {num}" + (f" Section {section}" if section else ""))
    return found


class Writer:
    """Words one draft of one result in one language.

    Args:
        result: the assessment's result (complete).
        lang: the document's language (one of the rule set's languages).
        made_on: the date printed on the draft.
        organisation, system: names that override the answers (the web app's display name).
    """

    def __init__(
        self,
        result: Result,
        lang: str,
        made_on: dt.date,
        *,
        organisation: str | None = None,
        system: str | None = None,
    ) -> None:
        self.result = result
        self.lang = lang
        self.made_on = made_on
        self._organisation = organisation
        self._system = system
        self._cited: dict[str, Citation] = {}

    # --- words -----------------------------------------------------------------------
    def t(self, en: str, fr: str) -> str:
        """The sentence in the document's language (English for any other)."""
        return fr if self.lang == "fr" else en

    def date(self, day: dt.date) -> str:
        return format_date(day, self.lang)

    def label(self, key: str) -> str:
        """A label of the rule set (tiers, roles, scope reasons) in the document's language."""
        return text_in(self.result.ruleset.labels.get(key), self.lang)

    # --- citations -------------------------------------------------------------------
    def cite(self, *refs: str, status: Status = Status.CONFIRMED) -> str:
        """The references as the document's language writes them, each recorded with its
        EUR-Lex link for the legal bases list; `status` says how far it was checked."""
        words_out = []
        for ref in refs:
            words = format_article(ref, self.lang)
            known = self._cited.get(ref)
            if known is None or _weaker(status, known.status):
                href = self.result.ruleset.link(ref, self.lang)
                self._cited[ref] = Citation(ref=words, href=href, status=status)
            words_out.append(words)
        return ", ".join(words_out)

    def reported(self) -> str:
        """The mark of a point read in secondary sources only (see the legal reference)."""
        return self.t(
            "(REPORTED: the 2026 amendments as secondary sources give them; check the "
            "Official Journal)",
            "(RAPPORTÉ : les modifications de 2026 selon des sources secondaires ; à "
            "vérifier au Journal officiel)",
        )

    # --- the answers -----------------------------------------------------------------
    def answer(self, qid: str) -> str:
        """The founder's answer to `qid` in words ("" when not answered)."""
        value = self.result.answers.get(qid)
        question = self.result.ruleset.questions.get(qid)
        if value is None or question is None or value == "" or value == ():
            return ""
        if question.kind is Kind.TEXT:
            # Control characters cannot be written into a Word file: shown as escapes.
            return shown(str(value))
        if question.kind in (Kind.YES_NO, Kind.TRI_STATE):
            words = {
                "yes": self.t("Yes", "Oui"),
                "no": self.t("No", "Non"),
                "unsure": self.t("Not sure", "Pas sûr"),
            }
            return words.get(str(value), str(value))
        values = value if isinstance(value, tuple) else (value,)
        labels = {c.value: text_in(c.label, self.lang) for c in question.choices}
        return "; ".join(labels.get(v, v) for v in values)

    def values(self, qid: str) -> tuple[str, ...]:
        """The raw values of an answer (a one-value answer as a 1-tuple)."""
        value = self.result.answers.get(qid)
        if value is None:
            return ()
        return value if isinstance(value, tuple) else (value,)

    def field(self, label: str, qid: str, hint: str) -> Block:
        """The answer to `qid` as a filled field, or a field to complete when there is none."""
        value = self.answer(qid)
        return Filled(label, value) if value else ToComplete(label, hint)

    def todo(self, label: str, hint: str) -> ToComplete:
        return ToComplete(label, hint)

    @property
    def organisation(self) -> str:
        return (
            self._organisation or self.answer("org.name") or self.t("(organisation)", "(organisme)")
        )

    @property
    def system(self) -> str:
        return self._system or self.answer("system.name") or self.t("(AI system)", "(système d'IA)")

    def tier(self) -> str:
        return self.label(f"tier.{self.result.tier.value}")

    def roles(self) -> str:
        """The roles the result binds, in words."""
        roles = sorted(self.result.roles)
        return "; ".join(self.label(f"role.{r}") for r in roles) or self.label("roles.none")

    def has(self, *obligation_ids: str) -> bool:
        """Whether the result binds any of these obligations."""
        present = {o.obligation.id for o in self.result.obligations}
        return any(oid in present for oid in obligation_ids)

    def because(self, rule: Rule) -> str:
        return self.result.because(rule, self.lang)

    def trace_with(self, prefix: str) -> tuple[Rule, ...]:
        """The rules of the trace whose id starts with `prefix` ("annex-iii", "derogation")."""
        return tuple(r for r in self.result.trace if r.id.startswith(prefix))

    # --- the document ----------------------------------------------------------------
    def draft(
        self,
        kind: str,
        title: str,
        *,
        follows: str,
        sections: Sequence[DocSection],
        obligations: Iterable[str],
    ) -> Draft:
        """The finished draft: `obligations` are kept only where the result binds them."""
        present = {o.obligation.id for o in self.result.obligations}
        for ref in self._named_in(title, follows, sections):
            if format_article(ref, self.lang) not in {c.ref for c in self._cited.values()}:
                self.cite(ref)
        return Draft(
            kind=kind,
            title=title,
            lang=self.lang,
            organisation=self.organisation,
            system=self.system,
            made_on=self.made_on,
            ruleset_version=self.result.ruleset.version,
            obligations=tuple(dict.fromkeys(o for o in obligations if o in present)),
            follows=follows,
            sections=tuple(sections),
            citations=tuple(self._cited.values()),
            labels=self.labels(),
        )

    def _named_in(self, title: str, follows: str, sections: Sequence[DocSection]) -> list[str]:
        """Every reference actcheck's wording names, so that the legal bases list misses
        none: the title, headings, paragraphs, lists, labels and hints, never a filled
        value (which may be the founder's own text)."""
        texts = [title, follows]
        for section in sections:
            texts.append(section.heading)
            for block in section.blocks:
                if isinstance(block, Para):
                    texts.append(block.text)
                elif isinstance(block, Bullets):
                    texts.extend(block.items)
                elif isinstance(block, Filled):
                    texts.append(block.label)
                elif isinstance(block, Table):
                    texts.extend(block.headings)
                else:
                    texts += [block.label, block.hint]
        return [ref for text in texts for ref in references(text, self.lang)]

    def labels(self) -> DraftLabels:
        t = self.t
        return DraftLabels(
            draft=t("DRAFT", "PROJET"),
            organisation=t("Organisation", "Organisme"),
            system=t("AI system", "Système d'IA"),
            date=t("Drafted on", "Rédigé le"),
            ruleset=t("actcheck rule set", "Jeu de règles actcheck"),
            serves=t("Obligations served", "Obligations concernées"),
            follows=t("Structure followed", "Structure suivie"),
            filled=t("Filled in by actcheck, check it", "Rempli par actcheck, à vérifier"),
            to_complete=t("TO COMPLETE", "À COMPLÉTER"),
            legend=t(
                "Fields marked FILLED were taken from your answers: check each one. Fields "
                "marked TO COMPLETE are yours to write, with your team and your lawyer.",
                "Les champs marqués REMPLI viennent de vos réponses : vérifiez chacun. Les "
                "champs marqués À COMPLÉTER sont à rédiger par vous, avec votre équipe et "
                "votre avocat.",
            ),
            legal_bases=t("Legal bases cited", "Bases juridiques citées"),
            limits_heading=t("Limits of this draft", "Limites de ce projet"),
            limits=t(
                "actcheck drafted this document from the answers given to its questionnaire "
                "and its rule set. It is a starting point, not legal advice and not a "
                "finished record: it may be incomplete or wrong for your case, and the law "
                "and its guidance are still changing. Complete it, check every statement, "
                "and have a lawyer review it before relying on it or sending it to anyone.",
                "actcheck a rédigé ce document à partir des réponses à son questionnaire et "
                "de son jeu de règles. C'est un point de départ, ni un avis juridique ni un "
                "document achevé : il peut être incomplet ou inexact pour votre cas, et le "
                "droit comme ses lignes directrices évoluent encore. Complétez-le, vérifiez "
                "chaque affirmation et faites-le relire par un avocat avant de vous y fier "
                "ou de le transmettre.",
            ),
            not_advice=t("Not legal advice", "Ceci n'est pas un avis juridique"),
            page=t("Page {page} of {pages}", "Page {page} sur {pages}"),
            extra={
                "filled_mark": t("FILLED", "REMPLI"),
                "status.confirmed": t("confirmed in the Act's text", "confirmé dans le texte"),
                "status.reported": t("reported, secondary sources", "source secondaire"),
                "status.unverified": t("unverified", "non vérifié"),
            },
        )


def _weaker(new: Status, old: Status) -> bool:
    """Whether `new` is less certain than `old` (a reference keeps its least certain use)."""
    return STATUS_RANK[new] > STATUS_RANK[old]
