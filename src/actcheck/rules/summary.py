"""A readable plain-text summary of a result, for the terminal.

Founders read this before anything else: the tier in words, why, and what they must do by
when, split between what is already in force and what is coming.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable

from actcheck.rules.model import ROLES, GpaiTrack, ObligationResult, Result, Tier, text_in

TIER_WORDS = {
    Tier.PROHIBITED: "PROHIBITED: the system (or one of its practices) is banned by Art. 5",
    Tier.HIGH_RISK: "HIGH-RISK: the Act's full requirements for high-risk AI systems apply",
    Tier.LIMITED_RISK: "LIMITED RISK: transparency duties under Art. 50 apply",
    Tier.MINIMAL_RISK: "MINIMAL RISK: no specific requirements beyond AI literacy (Art. 4)",
    Tier.OUT_OF_SCOPE: "OUT OF SCOPE: the AI Act's rules on AI systems do not apply",
}
SCOPE_WORDS = {
    "not_ai_system": "not an AI system under Art. 3(1)",
    "no_eu_nexus": "no link to the Union under Art. 2(1)",
    "military": "exclusively military, defence or national security (Art. 2(3))",
    "research_only": "sole purpose of scientific research (Art. 2(6))",
    "pre_market_rnd": "research and development before the market (Art. 2(8))",
    "open_source": "free and open-source, minimal-risk (Art. 2(12))",
}
GPAI_WORDS = {
    GpaiTrack.NONE: "",
    GpaiTrack.GPAI: "You provide a general-purpose AI model (Art. 53 applies).",
    GpaiTrack.SYSTEMIC: (
        "You provide a general-purpose AI model with systemic risk (Arts 53 and 55 apply)."
    ),
}
ROLE_WORDS = {
    "provider": "As provider",
    "deployer": "As deployer",
    "importer": "As importer",
    "distributor": "As distributor",
    "authorised_representative": "As authorised representative",
    "product_manufacturer": "As product manufacturer",
}


def render_summary(result: Result, *, as_of: dt.date, lang: str = "en", width: int = 88) -> str:
    """The result as text: tier, why, obligations by role with dates, open points."""
    out: list[str] = []
    wrap = textwrap.TextWrapper(width=width, subsequent_indent="  ")
    out.append(
        f"actcheck: assessment as of {as_of.isoformat()} (rule set {result.ruleset.version})"
    )
    out.append("")
    out.append(TIER_WORDS[result.tier])
    if result.scope_reason:
        out.append(f"  Reason: {SCOPE_WORDS[result.scope_reason]}")
    if result.gpai is not GpaiTrack.NONE:
        out.append(GPAI_WORDS[result.gpai])
    if result.needs_review:
        out.append(
            "NEEDS REVIEW: some 'unsure' answers could change this result (see open points)."
        )
    out.append("")
    out.append("Why")
    for rule in result.trace:
        out += wrap.wrap(f"- {text_in(rule.because, lang)} [{', '.join(rule.articles)}]")
    if not result.trace:
        out.append("- No rule applied to these answers.")
    out.append("")
    out += _obligations(result, as_of, lang, wrap)
    if result.uncertain:
        out.append("")
        out.append("Open points (answered 'unsure', read the stricter way)")
        for qid in result.uncertain:
            question = result.ruleset.questions[qid]
            out += wrap.wrap(f"- {qid}: {text_in(question.text, lang)}")
    if result.warnings:
        out.append("")
        out.append("Notes")
        for warning in result.warnings:
            out += wrap.wrap(f"- {warning}")
    out.append("")
    out += wrap.wrap(
        "This checklist is not legal advice. It encodes "
        + text_in(result.ruleset.law, lang)
        + " Points marked (reported) rest on secondary sources, not the Official Journal text."
    )
    return "\n".join(out) + "\n"


def _obligations(
    result: Result, as_of: dt.date, lang: str, wrap: textwrap.TextWrapper
) -> Iterable[str]:
    if not result.obligations:
        yield "Obligations: none for your roles."
        return
    yield "Obligations"
    by_role: dict[str, list[ObligationResult]] = {}
    for item in result.obligations:
        by_role.setdefault(item.role, []).append(item)
    for role in ROLES:
        items = by_role.get(role)
        if not items:
            continue
        in_force = [o for o in items if o.applies_from.date <= as_of]
        coming = sorted(
            (o for o in items if o.applies_from.date > as_of), key=lambda o: o.applies_from.date
        )
        yield f"{ROLE_WORDS[role]}:"
        if in_force:
            yield "  In force now:"
            for o in in_force:
                yield from _line(o, lang, wrap, f"since {o.applies_from.date.isoformat()}")
        if coming:
            yield "  Coming:"
            for o in coming:
                days = (o.applies_from.date - as_of).days
                yield from _line(
                    o, lang, wrap, f"from {o.applies_from.date.isoformat()}, in {days} days"
                )


def _line(o: ObligationResult, lang: str, wrap: textwrap.TextWrapper, when: str) -> Iterable[str]:
    status = "" if o.obligation.status.value == "confirmed" else f" ({o.obligation.status.value})"
    articles = ", ".join(o.obligation.articles)
    text = f"    [ ] {text_in(o.obligation.title, lang)} ({articles}), {when}{status}"
    inner = textwrap.TextWrapper(width=wrap.width, subsequent_indent="        ")
    yield from inner.wrap(text)
