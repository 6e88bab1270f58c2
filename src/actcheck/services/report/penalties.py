"""The report's penalties section (the fine bands the obligations fall under, with the
SME and small mid-cap rules) and the SME support that applies to the organisation's size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from actcheck.rules.model import Penalty
from actcheck.services.report.builder import ReportParts
from actcheck.services.report.views import ObligationView, Ref

#: The order of urgency between fine bands, heaviest first.
SEVERITY = {
    Penalty.ART_99_3: 0,
    Penalty.ART_101: 1,
    Penalty.ART_99_4: 2,
    Penalty.ART_99_4_DA: 2,
    Penalty.ART_99_5: 3,
    Penalty.MEMBER_STATE: 4,
}


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


def penalty_bands(
    parts: ReportParts, views: Sequence[ObligationView], size: str
) -> tuple[BandView, ...]:
    """The fine bands that bear on this report's obligations, each with the obligations
    it covers and the cap for the organisation's size."""
    w = parts.w
    used: dict[str, list[str]] = {}
    for view in views:
        titles = used.setdefault(view.penalty, [])
        if view.title not in titles:
            titles.append(view.title)
    if views:
        # Misleading information to authorities concerns every operator.
        used.setdefault(Penalty.ART_99_5.value, [])
    out = []
    for band_id, band in parts.law.bands.items():
        if band_id not in used:
            continue
        rule = next(
            (
                r
                for r in (parts.law.sme, parts.law.small_mid_cap)
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
                percent=w.percent(band.turnover_percent),
                which=w.t("pen.lower" if rule else "pen.higher"),
            )
        out.append(
            BandView(
                id=band_id,
                title=w.text(band.title),
                articles=parts.refs(band.articles),
                status=band.status.value,
                covers=w.text(band.covers),
                fined_by=w.text(band.fined_by),
                cap=cap,
                size_rule=w.text(rule.text) if rule else "",
                size_refs=parts.refs(rule.articles) if rule else (),
                size_status=rule.status.value if rule else "",
                obligations=tuple(used[band_id]),
            )
        )
    return tuple(out)


def sme_support(parts: ReportParts, size: str, hr_provider: bool) -> tuple[SupportView, ...]:
    """What the Act offers smaller companies, each item marked when it bears on this one."""
    return tuple(
        SupportView(
            title=parts.w.text(item.title),
            text=parts.w.text(item.text),
            articles=parts.refs(item.articles),
            status=item.status.value,
            relevant=hr_provider or not item.high_risk_provider,
        )
        for item in parts.law.support
        if size in item.sizes
    )
