"""The report's legal data that the rule-set core does not hold: penalty bands and SME
support, read from `rules/report/*.yaml` with every citation checked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from actcheck.rules.loader import ARTICLE, fill_dates
from actcheck.rules.loading import default_rules_dir, load_ruleset
from actcheck.rules.model import Penalty, Ruleset, Status, Text
from actcheck.rules.yamlio import load_yaml


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
def load_report_law(rules_dir: Path | None = None, ruleset: Ruleset | None = None) -> ReportLaw:
    """Read `rules/report/penalties.yaml` and `sme-support.yaml`, checking every citation;
    their dates come from `ruleset` (the rule set of `rules_dir` when not given).

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

    dates = (ruleset or load_ruleset(rules_dir)).dates
    days = {did: d.date for did, d in dates.items()}

    def text(raw: Any, where: str) -> Text:
        if not isinstance(raw, Mapping) or not raw.get("en"):
            raise ReportDataError(f"{where}: a text needs at least English, like {{en: ...}}")
        try:  # dates come from dates.yaml, as in every rule text
            return {
                str(k): fill_dates(" ".join(str(v).split()), str(k), days) for k, v in raw.items()
            }
        except ValueError as exc:
            raise ReportDataError(f"{where}: {exc}") from None

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
