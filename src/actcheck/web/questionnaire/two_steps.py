"""The pages of a question asked in two steps (Annex III): the areas first, then one page
per chosen area listing its uses.

The answers format keeps one answer, the list of uses, so the two steps are pages only:
which areas were chosen is the areas holding a stored use plus those ticked on the area
page and carried in the link (`chosen`) until their page is saved. Each use page saves
at once, its uses replacing that area's and keeping the others', so nothing entered is
lost on back or change. A POST of the whole list of uses to the question's own address
(what the tests, the benchmarks and the API clients do) is still the one-page answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import url_for
from flask_babel import gettext as _

from actcheck.models import Assessment
from actcheck.rules.model import Area, Areas, Question, Text, text_in

#: The hidden field that marks a POST as the area page's (its boxes are areas, not uses).
STEP_FIELD = "step"
AREA_STEP = "areas"
#: The hidden field of an area page that was told which uses unticking removes.
CONFIRM_FIELD = "confirm"


@dataclass(frozen=True)
class Page:
    """What one page of the two steps shows in place of the question's own texts."""

    heading: str
    hint: dict[str, Text | None]
    """What the hint macro reads: `help` and `example`."""
    choice_help: dict[str, Text | None]
    action: str
    step: str
    """`areas`, or the id of the area whose uses the page lists."""
    hidden: dict[str, str] = field(default_factory=dict)
    caption: str | None = None
    removing: list[str] = field(default_factory=list)
    """The uses the founder is about to remove by unticking their area."""
    choice_uses: dict[str, str] = field(default_factory=dict)
    """On the area page, each area's uses (read by the browser tests' helpers)."""
    back: str | None = None
    """Where the back link leads, when not where the question's own page's would."""


def chosen(areas: Areas, stored: Sequence[str] | None, carried: str | None) -> tuple[Area, ...]:
    """The areas chosen, in the file's order: those holding a stored use, and those named
    in the link (`carried`, ids joined by commas) that are areas of this question."""
    named = set((carried or "").split(","))
    held = set(areas.of(stored or ()))
    return tuple(a for a in areas.areas if a in held or a.id in named)


def link(
    assessment: Assessment,
    question: Question,
    *,
    area: Area | None,
    picked: Sequence[Area],
    return_to: str | None,
) -> str:
    """The address of the area page (`area` None) or of one area's uses, carrying the
    areas chosen so far and where the page returns to."""
    extra: dict[str, Any] = {"return": return_to} if return_to else {}
    if area is not None:
        extra["area"] = area.id
    if picked:
        extra["chosen"] = ",".join(a.id for a in picked)
    return url_for(
        "questionnaire.question", public_id=assessment.public_id, qid=question.id, **extra
    )


def area_page(
    assessment: Assessment,
    question: Question,
    areas: Areas,
    lang: str,
    *,
    picked: Sequence[Area],
    return_to: str | None,
    removing: Sequence[str] = (),
) -> Page:
    """The first step: which areas the system is used in."""
    hidden = {STEP_FIELD: AREA_STEP}
    if removing:
        hidden[CONFIRM_FIELD] = " ".join(removing)
    labels = {c.value: c.label for c in question.choices}
    return Page(
        heading=text_in(areas.text, lang),
        # What counts (the intended purpose) stays on the first page, after how to tick.
        hint={"help": {lang: _paragraphs(areas.hint, question.help, lang)}, "example": None},
        choice_help={a.id: _point(a, lang) for a in areas.areas},
        action=link(assessment, question, area=None, picked=picked, return_to=return_to),
        step=AREA_STEP,
        hidden=hidden,
        removing=[text_in(labels[v], lang) for v in removing],
        choice_uses={a.id: " ".join(a.uses) for a in areas.areas},
    )


def _paragraphs(first: Text, then: Text | None, lang: str) -> str:
    return "\n\n".join(t for t in (text_in(first, lang), text_in(then, lang)) if t)


def _point(area: Area, lang: str) -> Text:
    # The area's hint and its point of the Annex, in the page's language only.
    point = _("Annex III, point %(point)s", point=area.point)
    return {lang: f"{text_in(area.hint, lang)} ({point})"}


def uses_page(
    assessment: Assessment,
    question: Question,
    areas: Areas,
    area: Area,
    lang: str,
    *,
    picked: Sequence[Area],
    return_to: str | None,
) -> Page:
    """The second step for one area (one of `picked`): which of its uses apply."""
    helps = {c.value: c.help for c in question.choices}
    return Page(
        heading=text_in(area.heading, lang),
        hint={"help": areas.uses_hint, "example": None},
        choice_help={v: helps[v] for v in area.uses},
        action=link(assessment, question, area=area, picked=picked, return_to=return_to),
        step=area.id,
        back=link(
            assessment, question, area=before(picked, area), picked=picked, return_to=return_to
        ),
        caption=_(
            "Area %(number)s of %(total)s: %(area)s",
            number=picked.index(area) + 1,
            total=len(picked),
            area=text_in(area.label, lang),
        ),
    )


def merged(
    question: Question, stored: Sequence[str] | None, area: Area, ticked: Sequence[str]
) -> list[str]:
    """The whole answer after one area's page: the other areas' stored uses kept, this
    area's replaced by what is ticked, in the question's order."""
    keep = {v for v in stored or () if v not in area.uses} | set(ticked)
    return [c.value for c in question.choices if c.value in keep]


def after(picked: Sequence[Area], area: Area) -> Area | None:
    """The chosen area whose page follows `area`'s (`area` is one of `picked`)."""
    position = picked.index(area)
    return picked[position + 1] if position + 1 < len(picked) else None


def before(picked: Sequence[Area], area: Area) -> Area | None:
    """The chosen area whose page comes before `area`'s, None for the area page."""
    position = picked.index(area)
    return picked[position - 1] if position else None
