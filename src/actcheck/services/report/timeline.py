"""The report's timeline: the legal dates that apply, laid out for the SVG drawing of the
template so that no two labels overlap."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from actcheck.rules.model import LegalDate
from actcheck.services.report.builder import ReportParts
from actcheck.services.report.views import Ref


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


def timeline(parts: ReportParts) -> Timeline:
    """The dates of the report's obligations, in order, with what starts to apply on each."""
    dates: dict[str, LegalDate] = {}
    counts: dict[str, set[str]] = {}
    for item in parts.result.obligations:
        dates[item.applies_from.id] = item.applies_from
        counts.setdefault(item.applies_from.id, set()).add(item.obligation.id)
    for context_id in ("entry_into_force", "general_application"):
        if context_id in parts.rs.dates:
            dates.setdefault(context_id, parts.rs.dates[context_id])
    ordered = sorted(dates.values(), key=lambda d: (d.date, d.id))
    width, margin = 1000, 30
    first = min([d.date for d in ordered] + [parts.on])
    last = max([d.date for d in ordered] + [parts.on])
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
                label=parts.w.text(date.label),
                articles=parts.refs(date.articles),
                status=date.status.value,
                in_force=date.date <= parts.on,
                days=(date.date - parts.on).days,
                obligations=len(counts.get(date.id, ())),
                x=x,
                level=level,
                flip=flip,
            )
        )
    level_height = 38
    axis_y = 30 + max(1, len(levels)) * level_height
    description = parts.w.t(
        "timeline.description",
        start=start.year,
        end=end.year,
        events="; ".join(f"{parts.w.date(e.date)}, {e.label}" for e in events),
        date=parts.w.date(parts.on),
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
        today_x=x_of(parts.on),
        description=description,
    )
