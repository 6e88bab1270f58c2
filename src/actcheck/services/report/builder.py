"""What every part of the report is built from: the result, its words and its date,
article references and answers in words. Each part of the report (`timeline`,
`penalties`, `open_points`, and `context` for the rest) is a function of a `ReportParts`."""

from __future__ import annotations

from collections.abc import Iterable

from actcheck.presentation import answer_words
from actcheck.rules.model import UNSURE, AnswerValue, Question, Result
from actcheck.services.report.law import ReportLaw
from actcheck.services.report.meta import ReportMeta
from actcheck.services.report.views import AnswerView, Ref, article_href
from actcheck.services.report.words import Words


class ReportParts:
    """What every part of the report builder shares: the result, its words and its date,
    article references and answers in words."""

    def __init__(self, result: Result, meta: ReportMeta, law: ReportLaw) -> None:
        self.result = result
        self.rs = result.ruleset
        self.meta = meta
        self.on = meta.assessed_on
        self.law = law
        self.w = Words(result.ruleset, meta.lang, meta.assessed_on)

    # answers ---------------------------------------------------------------------------

    def refs(self, articles: Iterable[str]) -> tuple[Ref, ...]:
        return tuple(
            Ref(self.w.article(a), article_href(self.rs, a, self.meta.lang)) for a in articles
        )

    def value_words(self, question: Question, value: AnswerValue | None) -> tuple[str, ...]:
        if value is None or value == "":
            return (self.w.t("not_answered"),)
        return answer_words(question, value, self.rs.labels, self.w.text)

    def answer(self, qid: str, only: frozenset[str] | None = None) -> AnswerView:
        """An answer in words; `only`: the ticked choices to show (a trace step shows the
        ones its rule looked for, not every box the founder ticked)."""
        question = self.rs.questions[qid]
        value = self.result.answers.get(qid)
        if only is not None and isinstance(value, tuple):
            value = tuple(v for v in value if v in only) or value
        unsure = value == UNSURE
        read_as = ""
        if unsure and question.unsure_means:
            read_as = self.value_words(question, question.unsure_means)[0]
        return AnswerView(
            qid=qid,
            question=self.w.text(question.text),
            help=self.w.text(question.help),
            values=self.value_words(question, value),
            unsure=unsure,
            read_as=read_as,
            kind=question.kind.value,
        )
