"""What the `actcheck` commands do, without click: read, assess, print.

`actcheck assess FILE --json` and `actcheck questions` run in scripts and CI, where start-up
time is most of their time, so `actcheck.__main__` runs their common forms straight from
here, and only the others go through click (`actcheck.cli`, whose commands call the same
functions). Everything here imports only the pure core and the rule-set cache at the top;
the PDF reader and the summary's wording are imported by the paths that need them.

Output goes to `sys.stdout` and `sys.stderr` as they are when called (so click's test
runner sees it); a problem with the input ends the process with `EXIT_BAD_INPUT`, an invalid
rule set with 1.
"""

from __future__ import annotations

import datetime as dt
import sys

from actcheck.rules.answers import AnswersError, assess_document, parse_document
from actcheck.rules.loading import RulesetError, load_ruleset
from actcheck.rules.model import Kind, Result, Ruleset, text_in

TYPE_CHECKING = False  # as typing's, read by mypy: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any

    from actcheck.services.report_embed import ReportOrigin

EXIT_BAD_INPUT = 2


def say(text: str = "", *, end: str = "\n") -> None:
    """Print to standard output."""
    sys.stdout.write(text + end)


def complain(text: str) -> None:
    """Print to standard error."""
    sys.stderr.write(text + "\n")


def ruleset() -> Ruleset:
    """The shipped rule set, from the rule-set cache when it was checked before; exit 1 with
    every problem when it is invalid."""
    from actcheck import rules_cache

    try:
        return load_ruleset(cache=rules_cache.for_command_line())
    except RulesetError as exc:
        complain("The rule set is invalid:\n" + "\n".join(exc.problems))
        sys.exit(1)


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as handle:  # not pathlib: its import costs this start-up
            return handle.read()
    except OSError as exc:
        complain(f"error: cannot read {path}: {exc.strerror}")
        sys.exit(EXIT_BAD_INPUT)


def load_answers_document(path: str) -> Any:
    """Parse an answers file, or the answers embedded in an actcheck PDF report."""
    return read_answers_source(path)[0]


def read_answers_source(path: str) -> tuple[Any, ReportOrigin | None]:
    """Parse an answers file or a PDF report; for a report, also what it says it was made
    with (to warn when the rule set has changed since)."""
    data = _read_bytes(path)
    origin = None
    if data.startswith(b"%PDF"):
        from actcheck.services.report_embed import answers_from_pdf, origin_from_pdf

        try:
            origin = origin_from_pdf(data)
            data = answers_from_pdf(data)
        except ValueError as exc:
            raise AnswersError([f"{path}: {exc}"]) from exc
    return parse_document(data, name=path), origin


def assessed(file: str, rules: Ruleset) -> Result:
    """Read, check and assess FILE; exit 2 with every problem when it cannot be assessed."""
    try:
        document, origin = read_answers_source(file)
        result = assess_document(document, rules, name=file)
    except AnswersError as exc:
        complain(f"{file}: cannot assess these answers:")
        for problem in exc.problems:
            complain(f"  - {problem}")
        sys.exit(EXIT_BAD_INPUT)
    if origin is not None and origin.ruleset_sha256 != rules.sha256:
        made_with = origin.ruleset_version or "an unknown rule set"
        complain(
            f"warning: {file} was made with rule set {made_with} "
            f"(sha256 {origin.ruleset_sha256[:12] or 'not recorded'}); the rule set is now "
            f"{rules.version} (sha256 {rules.sha256[:12]}), so this result may differ "
            f"from the report."
        )
    return result


def check_language(rules: Ruleset, lang: str) -> None:
    """Exit 2 unless the rule set speaks `lang`."""
    if lang not in rules.languages:
        choices = ", ".join(rules.languages)
        complain(f"error: --lang {lang!r}: choose one of {choices}")
        sys.exit(EXIT_BAD_INPUT)


def assess(file: str, *, as_json: bool, as_of: dt.date | None, lang: str) -> None:
    """`actcheck assess`: the result object (answers format v1), or the summary in words."""
    import json

    rules = ruleset()
    check_language(rules, lang)
    result = assessed(file, rules)
    if as_json:
        # Without --as-of, as stored results and the API word it: "from <date>".
        say(json.dumps(result.to_dict(lang, as_of), indent=2, ensure_ascii=False))
        return
    from actcheck.rules.summary import render_summary

    say(render_summary(result, as_of=as_of or dt.date.today(), lang=lang), end="")


def questions(*, as_json: bool) -> None:
    """`actcheck questions`: every question id with its kind and allowed values."""
    rules = ruleset()
    if as_json:
        import json

        rows = [
            {
                "id": q.id,
                "kind": q.kind.value,
                "values": list(q.values),
                "optional": q.optional,
                "text": text_in(q.text, "en"),
                "articles": list(q.articles),
                "when": q.when.source if q.when else None,
            }
            for q in rules.questions.values()
        ]
        say(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for section in rules.sections:
        say(f"# {text_in(section.title, 'en')}")
        for q in section.questions:
            values = "free text" if q.kind is Kind.TEXT else ", ".join(q.values)
            many = " (a list)" if q.kind is Kind.ANY_OF else ""
            say(f"{q.id}  [{q.kind.value}{many}: {values}]")
            say(f"    {text_in(q.text, 'en')}")
        say("")
