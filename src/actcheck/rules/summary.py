"""A readable plain-text summary of a result, for the terminal, in English or French.

Founders read this before anything else: the tier in words, why, and what they must do by
when, split between what is already in force and what is coming. Every word comes from the
rule set's labels, so a new language needs no code here.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable, Iterable

from actcheck.rules.duties import duty_sentences
from actcheck.rules.model import GpaiTrack, ObligationResult, Result, Status, text_in
from actcheck.rules.schedule import by_role
from actcheck.rules.wording import colon, format_article, format_date

Say = Callable[..., str]
"""Looks up a label in the reader's language and fills in its placeholders."""


def render_summary(result: Result, *, as_of: dt.date, lang: str = "en", width: int = 88) -> str:
    """The result as text: tier, why, obligations by role with dates, open points."""
    labels = result.ruleset.labels

    def say(key: str, **values: object) -> str:
        return text_in(labels[key], lang).format(**values)

    out: list[str] = []
    wrap = textwrap.TextWrapper(width=width, subsequent_indent="  ")
    out.append(say("summary.as_of", date=format_date(as_of, lang), version=result.ruleset.version))
    out.append("")
    tier = result.tier.value
    c = colon(lang)
    out += wrap.wrap(f"{say('tier.' + tier).upper()}{c} {say('tier_meaning.' + tier)}")
    if result.scope_reason:
        out.append(f"  {say('summary.reason')}{c} {say('scope.' + result.scope_reason)}")
    if result.gpai is not GpaiTrack.NONE:
        out += wrap.wrap(say("gpai." + result.gpai.value))
    if result.needs_review:
        out += wrap.wrap(say("summary.needs_review"))
    out.append("")
    out.append(say("summary.why"))
    for rule in result.trace:
        refs = ", ".join(format_article(a, lang) for a in rule.articles)
        out += wrap.wrap(f"- {result.because(rule, lang, as_of)} [{refs}]")
    if not result.trace:
        out.append(f"- {say('summary.no_rule')}")
    out.append("")
    out += _obligations(result, as_of, lang, say)
    duties = duty_sentences(result, lang)
    if any(duties.values()):
        out.append("")
        out.append(say("summary.duties"))
        for role, sentences in duties.items():
            if sentences:
                out.append(say("summary.as_role", role=say("role." + role).lower()) + colon(lang))
                for sentence in sentences:
                    out += textwrap.TextWrapper(
                        width=88, initial_indent="  - ", subsequent_indent="    "
                    ).wrap(sentence)
    if result.uncertain:
        out.append("")
        out.append(say("summary.open_points"))
        for qid in result.uncertain:
            question = result.ruleset.questions[qid]
            out += wrap.wrap(f"- {qid}{colon(lang)} {text_in(question.text, lang)}")
    warnings = result.warnings_in(lang)
    if warnings:
        out.append("")
        out.append(say("summary.notes"))
        for warning in warnings:
            out += wrap.wrap(f"- {warning}")
    out.append("")
    out += wrap.wrap(say("summary.disclaimer", law=text_in(result.ruleset.law, lang)))
    return "\n".join(out) + "\n"


def _obligations(result: Result, as_of: dt.date, lang: str, say: Say) -> Iterable[str]:
    if not result.obligations:
        yield say("summary.no_obligations")
        return
    yield say("summary.obligations")
    for schedule in by_role(result, as_of):
        role, in_force, coming = schedule.role, schedule.in_force, schedule.coming
        yield say("summary.as_role", role=say("role." + role).lower()) + colon(lang)
        if in_force:
            yield f"  {say('summary.in_force')}{colon(lang)}"
            for o in in_force:
                when = say("summary.since", date=format_date(o.applies_from.date, lang))
                yield from _line(o, lang, say, when)
        if coming:
            yield f"  {say('summary.coming')}{colon(lang)}"
            for o in coming:
                days = (o.applies_from.date - as_of).days
                date = format_date(o.applies_from.date, lang)
                yield from _line(o, lang, say, say("summary.from_in_days", date=date, days=days))


def _line(o: ObligationResult, lang: str, say: Say, when: str) -> Iterable[str]:
    status = o.obligation.status
    mark = "" if status is Status.CONFIRMED else f" ({say('status.' + status.value)})"
    articles = ", ".join(format_article(a, lang) for a in o.obligation.articles)
    text = f"    [ ] {text_in(o.obligation.title, lang)} ({articles}), {when}{mark}"
    yield from textwrap.TextWrapper(width=88, subsequent_indent="        ").wrap(text)
