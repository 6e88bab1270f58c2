"""The waiting page of a file the queue is preparing (a report or a drafted document), or,
for its JavaScript's quiet polling (`?format=json`), where the file stands. One copy for
both routes: the same page, the same JSON, words of their own."""

from __future__ import annotations

from typing import Any

from flask import jsonify, render_template, request

from actcheck.models import Assessment
from actcheck.web.forms import ButtonForm
from actcheck.web.report import scheduling


def waiting_page(
    assessment: Assessment,
    readiness: scheduling.Readiness,
    *,
    language: str,
    file_url: str,
    poll_url: str,
    **more: Any,
) -> Any:
    """The page, or its state as JSON; `more` goes to the template (a draft's wording and
    its "Try again" address)."""
    ready = readiness.state == scheduling.State.READY
    if request.args.get("format") == "json":
        return jsonify(
            state=readiness.state.value,
            place=readiness.place,
            seconds=readiness.seconds,
            message=scheduling.wait_words(readiness),
            download=file_url if ready else None,
        )
    return render_template(
        "assessments/report_waiting.html",
        assessment=assessment,
        readiness=readiness,
        states=scheduling.State,
        file_url=file_url,
        language=language,
        wait_words=scheduling.wait_words(readiness),
        button=ButtonForm(),
        poll_url=poll_url,
        **more,
    )
