"""The report's open points: every `unsure` answer on the path, and what its other reading
would change, in words (the engine computes that other result: `Result.alternatives`)."""

from __future__ import annotations

from dataclasses import dataclass

from actcheck.rules.model import GpaiTrack
from actcheck.services.report.builder import ReportParts
from actcheck.services.report.views import AnswerView


@dataclass(frozen=True)
class OpenPoint:
    answer: AnswerView
    other: str
    changes: tuple[str, ...]
    changes_result: bool


def open_points(parts: ReportParts) -> tuple[OpenPoint, ...]:
    """Every `unsure` answer on the path, and what its other reading would change."""
    result, rs, w = parts.result, parts.rs, parts.w
    base = {o.key for o in result.obligations}
    titles = {oid: w.text(o.title) for oid, o in rs.obligations.items()}
    points = []
    for alt in result.alternatives:
        qid, unanswered = alt.question_id, alt.unanswered
        question = rs.questions[qid]
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
                answer=parts.answer(qid),
                other=parts.value_words(question, alt.value)[0],
                changes=tuple(changes),
                changes_result=qid in result.uncertain,
            )
        )
    return tuple(points)
