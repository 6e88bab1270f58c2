"""docs/legal-model.md and the rules agree (issue 13): every article the rules cite is named
in the legal model, and every article the legal model names is cited by a rule, except in
its section on what actcheck does not decide and for the few it names to describe another
article's content (listed below, each with its reason)."""

from __future__ import annotations

import re
from pathlib import Path

from actcheck.rules.model import Ruleset

MODEL = Path(__file__).resolve().parents[2] / "docs" / "legal-model.md"
BASE = re.compile(r"^(Art\. \d+[a-z]?|Annex [IVX]+|Recital \d+)")
#: Named by the legal model, cited by no rule, and why.
DESCRIBED_ONLY = {
    "Art. 60a": "named in Art. 2(2) as amended, to say what applies to Annex I Section B",
    "Art. 102": "the first of Arts 102 to 112, named in Art. 2(2) as amended (Section B)",
}


def _cited(ruleset: Ruleset) -> set[str]:
    entries = [
        *ruleset.rules,
        *ruleset.obligations.values(),
        *ruleset.questions.values(),
        *ruleset.dates.values(),
    ]
    found = set()
    for entry in entries:
        for ref in entry.articles:
            match = BASE.match(ref)
            assert match, ref
            found.add(match.group(1))
    return found


def _named(text: str) -> set[str]:
    found = set()
    for match in re.finditer(r"\b(?:Arts?\.?|Articles?) (\d+[a-z]?)\b", text):
        found.add(f"Art. {match.group(1)}")
    for match in re.finditer(r"\bAnnex ([IVX]+)\b", text):
        found.add(f"Annex {match.group(1)}")
    for match in re.finditer(r"\bRecital (\d+)\b", text):
        found.add(f"Recital {match.group(1)}")
    return found


def _sections() -> tuple[str, str]:
    text = MODEL.read_text(encoding="utf-8")
    decided, _, undecided = text.partition("## What actcheck does not decide")
    return decided, undecided


def test_every_article_the_rules_cite_is_in_the_legal_model(ruleset: Ruleset) -> None:
    decided, _ = _sections()
    missing = sorted(_cited(ruleset) - _named(decided))
    assert missing == [], f"docs/legal-model.md never names {missing}"


def test_every_article_the_legal_model_relies_on_is_cited_by_a_rule(ruleset: Ruleset) -> None:
    decided, undecided = _sections()
    assert undecided, "the section 'What actcheck does not decide' is gone"
    uncited = sorted(_named(decided) - _cited(ruleset) - set(DESCRIBED_ONLY))
    assert uncited == [], f"docs/legal-model.md relies on {uncited}, which no rule cites"
    # The exceptions must still be needed: an article cited later leaves the list.
    assert sorted(set(DESCRIBED_ONLY) & _cited(ruleset)) == []
