"""`build_context`: everything the report template shows, as plain values, from a `Result`
and the report's metadata."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from actcheck.rules.briefing import brief
from actcheck.rules.model import (
    ROLES,
    DutyKind,
    GpaiTrack,
    ObligationResult,
    Penalty,
    Result,
    Role,
    Tier,
    text_in,
)
from actcheck.services.report.builder import ReportParts
from actcheck.services.report.headline import headline
from actcheck.services.report.law import load_report_law
from actcheck.services.report.meta import ReportMeta
from actcheck.services.report.open_points import open_points
from actcheck.services.report.penalties import SEVERITY, penalty_bands, sme_support
from actcheck.services.report.plan import plan, stops
from actcheck.services.report.plan_status import Listed, plan_index, status_view
from actcheck.services.report.templates import page_counter_css, template_version
from actcheck.services.report.timeline import timeline
from actcheck.services.report.views import (
    AppendixSection,
    ObligationView,
    RoleGroup,
    Section,
    TraceStep,
)
from actcheck.services.report.witness import Witness
from actcheck.services.report.words import first_sentence, flatten, shorten
from actcheck.services.report_embed import (
    ATTACHMENT_NAME,
    META_REFERENCE,
    META_RULESET_SHA256,
    META_RULESET_VERSION,
    META_TEMPLATE,
)
from actcheck.version import __version__

#: How much of a founder's name the cover and the running header show (the appendix
#: always shows the full answer).
SHORT_NAME = 140
HEADER_NAME = 60
SME_SIZES = ("micro", "small", "medium")


class _Builder(ReportParts):
    """Builds the view values of one report; holds the result, its words and its date."""

    # why ------------------------------------------------------------------------------

    def trace(self) -> tuple[TraceStep, ...]:
        witness = Witness(self.result)
        return tuple(
            TraceStep(
                number=number,
                title=self.w.text(rule.title),
                because=flatten(self.result.because(rule, self.meta.lang, self.meta.assessed_on)),
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
            plan=status_view(self.w, self.meta.plan, ob.id, item.role),
        )

    def groups(self, views: Sequence[ObligationView]) -> tuple[RoleGroup, ...]:
        from actcheck.rules.duties import duty_sentences

        duties = duty_sentences(self.result, self.meta.lang)
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
                        duties=tuple(flatten(d) for d in duties.get(role, ())),
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

    # appendix -------------------------------------------------------------------------

    def appendix(self) -> tuple[AppendixSection, ...]:
        reached = set(self.result.reached)
        out = []
        for section in self.rs.sections:
            answers = tuple(self.answer(q.id) for q in section.questions if q.id in reached)
            if answers:
                out.append(AppendixSection(title=self.w.text(section.title), answers=answers))
        return tuple(out)


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
    b = _Builder(result, meta, load_report_law(rules_dir, rs))
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
    # A ban is the summary's "Stop", not a duty: the checklist and its counts leave it out.
    duty_views = [
        b.obligation(o) for o in result.obligations if o.obligation.kind is not DutyKind.BAN
    ]
    hr_provider = result.tier is Tier.HIGH_RISK and Role.PROVIDER in result.roles
    support = sme_support(b, size, hr_provider) if size in (*SME_SIZES, "small_mid_cap") else ()
    coming = sorted({v.date for v in views if not v.in_force})
    tier = result.tier.value
    briefing = brief(result)
    duty_plan = plan(b, briefing)
    # The headline replaces the tier's general meaning, which listed the provider's duties
    # whatever the role held (issue 15); the duties are counted as the headline counts them.
    meaning = []
    if result.scope_reason:
        meaning.append(w.t("summary.reason", reason=w.label(f"scope.{result.scope_reason}")))
    meaning.append(w.t(f"next.{tier}"))

    anchors = ["summary", "why", "obligations", "timeline", "penalties"]
    if support:
        anchors.append("support")
    anchors += ["open_points", "limits"]
    sections = [Section(a, str(i), w.t(f"section.{a}")) for i, a in enumerate(anchors, start=1)]
    sections.append(Section("appendix", "A", w.t("section.appendix")))
    groups = b.groups(duty_views)
    listed = [Listed(o.id, o.role, o.anchor, o.title) for g in groups for o in g.obligations]
    # A ban has no card (it is the summary's "Stop"), but its item may hold evidence too.
    cards = {card.anchor for card in listed}
    listed += [Listed(v.id, v.role, "", v.title) for v in views if v.anchor not in cards]
    evidence_index = plan_index(w, meta.plan, listed)
    if evidence_index is not None:
        sections.append(Section("evidence", "B", w.t("section.evidence")))
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
        "headline": headline(briefing, w),
        "stops": stops(b, briefing),
        "plan": duty_plan,
        "gpai_words": (
            w.label(f"gpai.{result.gpai.value}") if result.gpai is not GpaiTrack.NONE else ""
        ),
        "scope_reason": result.scope_reason,
        "needs_review": result.needs_review,
        "uncertain_count": len(result.uncertain),
        "roles": [w.label(f"role.{r}").lower() for r in ROLES if r in result.roles],
        "trace": b.trace(),
        "groups": groups,
        "evidence_index": evidence_index,
        "duties_title": w.label("summary.duties"),
        "obligation_count": briefing.duty_count + briefing.model_duty_count,
        "in_force_count": sum(i.in_force for g in duty_plan for i in g.items),
        "next_date": coming[0] if coming else None,
        "urgent": b.urgent(duty_views),
        "timeline": timeline(b),
        "bands": penalty_bands(b, views, size),
        "factors": w.text(b.law.factors.text),
        "factor_refs": b.refs(b.law.factors.articles),
        "sme": size in SME_SIZES,
        "small_mid_cap": size == "small_mid_cap",
        "support": support,
        "open_points": open_points(b),
        "warnings": [
            text_in(rs.labels.get("ignored_answer"), meta.lang).format(question=q)
            for q in result.ignored
        ]
        + result.remarks_in(meta.lang)
        + list(result.notes),
        "appendix": b.appendix(),
        "sections": sections,
        "section": {s.anchor: s for s in sections},
        "attachment_name": ATTACHMENT_NAME,
        "advisor_note": meta.advisor_note,
        "planned_launch": meta.planned_launch,
        "pdf_title": w.t("pdf.title", system=title_name),
        "pdf_author": shorten(organisation, 120) or "actcheck",
        "pdf_subject": w.t("pdf.subject", law=law, version=rs.version),
        "pdf_keywords": w.t("pdf.keywords", tier=w.label(f"tier.{tier}").lower()),
        "page_counter_css": page_counter_css(w.raw("run.page")),
        "custom_meta": {
            META_RULESET_VERSION: rs.version,
            META_RULESET_SHA256: rs.sha256,
            META_REFERENCE: meta.reference,
            META_TEMPLATE: version,
        },
    }
