"""Reading and checking answers files (format v1 of the answers format).

Every front end goes through here: the CLI, the web import, the API and stored
assessments. All problems are collected and reported at once, each saying what is wrong and
how to put it right; nothing here ever raises anything but `AnswersError`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from actcheck.rules.engine import assess, walk
from actcheck.rules.located import MAX_DIGITS as _MAX_DIGITS
from actcheck.rules.located import LineDict, YamlError
from actcheck.rules.located import too_many_digits as _too_many_digits
from actcheck.rules.model import NO, UNSURE, YES, AnswerValue, Kind, Question, Result, Ruleset

TYPE_CHECKING = False  # as typing's, read by mypy: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any

FORMAT_VERSION = 1
MAX_FILE_BYTES = 1_000_000
MAX_TEXT_CHARS = 5_000
#: How deep mappings and lists may nest; an answers file needs 3 levels.
MAX_DEPTH = 50


#: The most problems one error reports: a wrong file can have thousands, and a founder fixes
#: the first few, not 55,000 (the rest are counted, not written out).
MAX_PROBLEMS = 50
#: Longest stretch of a value or key quoted in a message.
MAX_QUOTED = 60


class AnswersError(ValueError):
    """The answers cannot be assessed; `problems` lists the reasons, one sentence each.

    At most `MAX_PROBLEMS` are listed, then a line saying how many more there are, so that no
    input, however wrong, makes a page or an API answer larger than a few kilobytes.
    `total` is the number of problems found.
    """

    def __init__(self, problems: list[str], *, total: int | None = None) -> None:
        total = max(len(problems), total or 0)
        if total > MAX_PROBLEMS:
            problems = [
                *problems[:MAX_PROBLEMS],
                f"... and {total - MAX_PROBLEMS:,} more problems: fix these first, or check "
                f"that you chose the right file.",
            ]
        super().__init__("\n".join(problems))
        self.problems = problems
        self.total = total


@dataclass(frozen=True)
class Checked:
    """Answers that passed validation, with the warnings to show beside the result."""

    answers: dict[str, AnswerValue]
    warnings: tuple[str, ...]


def parse_document(data: bytes | str, *, name: str = "answers file") -> Any:
    """Parse the bytes of an answers file (YAML or JSON) into a Python value.

    The bytes may come from anyone (the web upload and the API read them too), so two
    inputs that fit in a small file are refused before they can do harm:

    - YAML aliases (`*name`): nine nested lists of nine aliases each are a few hundred
      bytes, yet every message quoting the value would write out 9^9 items. Looked for only
      when the text has a `*`, so most files skip that extra pass.
    - nesting deeper than `MAX_DEPTH` levels: Python's JSON reader and the YAML constructor
      recurse and would fail with a RecursionError. An answers file is three levels deep.

    Raises:
        AnswersError: the file is too large, not UTF-8, not valid YAML/JSON, uses YAML
            aliases, or is nested too deeply. Never anything else.
    """
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > MAX_FILE_BYTES:
        raise AnswersError(
            [
                f"{name} is {size:,} bytes; an answers file is at most {MAX_FILE_BYTES:,} "
                f"bytes. Check that you chose the right file."
            ]
        )
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise AnswersError(
                [f"{name} is not UTF-8 text (byte {exc.start}); save it as UTF-8 YAML or JSON."]
            ) from exc
    is_json = data.lstrip().startswith("{")
    try:
        if is_json:
            document = _load_json(data)
            # Brackets bound the depth of JSON: most files skip the walk below.
            deep = data.count("[") + data.count("{") > MAX_DEPTH
        else:
            from actcheck.rules.yamlio import load_yaml  # JSON files never pay for PyYAML

            if "*" in data and _has_alias(data):  # no asterisk, no alias
                raise AnswersError([_ALIASES.format(name=name)])
            document = load_yaml(data)
            # YAML nests by indentation too; the walk is small next to the parse.
            deep = True
    except YamlError as exc:
        if exc.message.endswith("exceeded maximum nesting depth"):  # libyaml's limit: 1,000
            raise AnswersError([_TOO_DEEP.format(name=name)]) from None
        where = f"{name}:{exc.line}" if exc.line else name
        raise AnswersError([f"{where}: {exc.message}"]) from exc
    except RecursionError:
        raise AnswersError([_TOO_DEEP.format(name=name)]) from None
    except AnswersError:
        raise
    except (ValueError, OverflowError) as exc:  # a constructor the two above did not foresee
        raise AnswersError([f"{name}: a value cannot be read ({_clip(str(exc))})."]) from None
    if deep and _depth_exceeds(document, MAX_DEPTH):
        raise AnswersError([_TOO_DEEP.format(name=name)])
    return document


_ALIASES = (
    "{name} uses YAML aliases (*name): write each answer out in full; an answers file has "
    "no use for anchors and aliases."
)
_TOO_DEEP = (
    f"{{name}} is nested more than {MAX_DEPTH} levels deep, so it cannot be an answers file "
    "(a mapping of question ids to a value or a list of values): check that you chose the "
    "right file."
)


def _has_alias(text: str) -> bool:
    """Whether a YAML document uses an alias (malformed YAML: no, the parse says why).

    Reads parser events only: nothing is built, so an alias bomb costs no more than its text.
    """
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=loader))
    except yaml.YAMLError:
        return False


def _depth_exceeds(document: Any, limit: int) -> bool:
    """Whether mappings and lists nest more than `limit` levels (iterative: no recursion).

    The document is a tree (aliases were refused), so this visits each value at most once.
    """
    stack: list[tuple[Any, int]] = [(document, 1)] if isinstance(document, Mapping | list) else []
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        children = value.values() if isinstance(value, Mapping) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, Mapping | list))
    return False


def assess_document(document: Any, ruleset: Ruleset, *, name: str = "answers file") -> Result:
    """Check a parsed answers document strictly, every question on its path answered (as the
    command line and the API require), and assess it with its warnings.

    Raises:
        AnswersError: with every problem found.
    """
    checked = read_answers(document, ruleset, strict=True, name=name)
    return assess(ruleset, checked.answers, warnings=checked.warnings)


def read_answers(
    document: Any, ruleset: Ruleset, *, strict: bool = True, name: str = "answers file"
) -> Checked:
    """Check a parsed answers document against the questionnaire.

    Args:
        document: the parsed file: a mapping with `actcheck: 1` and `answers`.
        ruleset: the questionnaire to check against.
        strict: also require an answer to every question reached on this path (the CLI
            and the API); the web flow asks the missing questions instead.
        name: how to name the file in messages.

    Raises:
        AnswersError: with every problem found.
    """
    problems: list[str] = []
    if not isinstance(document, Mapping):
        raise AnswersError(
            [f"{name} must be a mapping with 'actcheck: 1' and 'answers:', not {_kind(document)}."]
        )
    for key in document:
        if key not in ("actcheck", "answers"):
            problems.append(
                f"unknown top-level key {_quote(key)}: an answers file has only 'actcheck' "
                f"and 'answers'."
            )
    version = document.get("actcheck")
    if version is None:
        problems.append("the format version is missing: add 'actcheck: 1' at the top of the file.")
    elif version != FORMAT_VERSION or isinstance(version, bool):
        problems.append(
            f"format version {_quote(version)} is not supported: this actcheck reads 'actcheck: 1'."
        )
    raw = document.get("answers")
    if raw is None:
        raw = {}
        problems.append("'answers:' is missing: add a mapping of question ids to answers.")
    elif not isinstance(raw, Mapping):
        raise AnswersError(
            [*problems, f"'answers' must be a mapping of question id to answer, not {_kind(raw)}."]
        )
    checked = check_answers(raw, ruleset, strict=strict, problems=problems)
    return checked


def check_answers(
    raw: Mapping[Any, Any],
    ruleset: Ruleset,
    *,
    strict: bool,
    problems: list[str] | None = None,
) -> Checked:
    """Check a mapping of question id to answer (see `read_answers`)."""
    problems = [] if problems is None else problems
    answers: dict[str, AnswerValue] = {}
    invalid: set[str] = set()
    unchecked = 0  # unknown ids past the cap: counted, never compared with the questionnaire
    for qid, value in raw.items():
        question = ruleset.questions.get(qid) if isinstance(qid, str) else None
        if question is None:
            if len(problems) < MAX_PROBLEMS:
                problems.append(_unknown(qid, ruleset))
            else:
                unchecked += 1
            continue
        if value is None:
            continue  # an empty answer is no answer
        normalised = normalise(question, value, problems)
        if normalised is None:
            invalid.add(qid)
        else:
            answers[qid] = normalised
    if strict:
        path = walk(ruleset, answers)
        missing = [
            qid
            for qid in path.reached
            if qid not in answers and qid not in invalid and not ruleset.questions[qid].optional
        ]
        if missing:
            problems.append(
                f"{len(missing)} question(s) reached on this path have no answer: "
                f"{', '.join(_missing_label(ruleset, qid) for qid in missing)}. Answer them "
                f"(run 'actcheck questions' for the allowed values)."
            )
    if problems:
        raise AnswersError(problems, total=len(problems) + unchecked)
    # Unreached answers stay: the engine ignores them on this path, but they tell it what the
    # other reading of an `unsure` answer would lead to.
    # The engine reports them (`Result.ignored`), in the reader's language.
    return Checked(answers=answers, warnings=())


def _missing_label(ruleset: Ruleset, qid: str) -> str:
    """A missing id, naming the rule set that added it: an older file is not wrong, only older."""
    added = ruleset.questions[qid].added_in
    return f"{qid} (missing, added in {added})" if added else qid


def normalise(question: Question, value: Any, problems: list[str]) -> AnswerValue | None:
    """One answer in its canonical form, or None with a problem appended."""
    qid = question.id
    kind = question.kind
    allowed = question.value_order
    if kind is Kind.TRI_STATE or kind is Kind.YES_NO:
        if value is True:
            value = YES
        elif value is False:
            value = NO
        if isinstance(value, str) and value in allowed:
            return value
        hint = " ('unsure' is not allowed here)" if value == UNSURE else ""
        problems.append(
            f"{qid}: {_quote(value)} is not allowed{hint}; use one of: {', '.join(allowed)}."
        )
        return None
    if kind is Kind.ONE_OF:
        if isinstance(value, str) and value in allowed:
            return value
        problems.append(
            f"{qid}: {_quote(value)} is not allowed; use one of: {', '.join(question.values)}."
        )
        return None
    if kind is Kind.ANY_OF:
        if isinstance(value, str):
            problems.append(
                f"{qid}: takes a list, e.g. [{_clip(value)}]; write [] for none. Allowed values: "
                f"{', '.join(question.values)}."
            )
            return None
        if not isinstance(value, list):
            problems.append(f"{qid}: takes a list of values, not {_kind(value)}.")
            return None
        if len(value) > 2 * len(allowed):  # checked before the items: a list has no repeats
            problems.append(
                f"{qid}: a list of {len(value):,} items, but the question has only "
                f"{len(allowed)} values: {', '.join(question.values)}."
            )
            return None
        bad = [v for v in value if not isinstance(v, str) or v not in allowed]
        if bad:
            problems.append(
                f"{qid}: {', '.join(_quote(v) for v in bad)} not allowed; use values from: "
                f"{', '.join(question.values)}."
            )
            return None
        return tuple(sorted(set(value), key=allowed.__getitem__))
    if not isinstance(value, str):
        problems.append(f"{qid}: takes text; put the value in quotes.")
        return None
    if len(value) > MAX_TEXT_CHARS:
        problems.append(f"{qid}: {len(value):,} characters; at most {MAX_TEXT_CHARS:,}.")
        return None
    if value.isprintable():  # no control character, surrogate or line break: nothing to do
        return value
    from actcheck.text import line_breaks, problem

    text: str = line_breaks(value)
    wrong = problem(text)
    if wrong is not None:
        problems.append(f"{qid}: the text {wrong}")
        return None
    return text


def _unknown(qid: Any, ruleset: Ruleset) -> str:
    import difflib  # only on this error path: it is slow to import

    key = str(qid)
    close = (
        difflib.get_close_matches(key, list(ruleset.questions), n=1, cutoff=0.5)
        if len(key) <= 2 * MAX_QUOTED  # a long key is not a typo, and difflib is quadratic
        else []
    )
    hint = f" Did you mean {close[0]!r}?" if close else " Run 'actcheck questions' for the list."
    return f"unknown question id {_quote(qid)}.{hint}"


def _quote(value: Any) -> str:
    """A value as Python writes it (escapes included), cut to `MAX_QUOTED` characters."""
    return _clip(repr(value))


def _clip(text: str) -> str:
    return text if len(text) <= MAX_QUOTED else f"{text[: MAX_QUOTED - 1]}…"


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", type(None): "nothing"}.get(
        type(value), type(value).__name__
    )


def dump_answers(answers: Mapping[str, AnswerValue], ruleset: Ruleset, *, header: str = "") -> str:
    """An answers file (YAML) for these answers, questions in questionnaire order.

    Values are written as JSON scalars, which YAML reads back unchanged (quoted yes/no
    never turn into booleans).
    """
    lines = [f"# {line}" for line in header.splitlines()] if header else []
    lines += ["actcheck: 1", "answers:"]
    if not answers:
        lines[-1] = "answers: {}"
    for qid in ruleset.questions:
        if qid not in answers:
            continue
        value = answers[qid]
        if isinstance(value, tuple):
            rendered = "[" + ", ".join(json.dumps(v) for v in value) + "]"
        else:
            rendered = json.dumps(value, ensure_ascii=False)
        lines.append(f"  {qid}: {rendered}")
    return "\n".join(lines) + "\n"


def _load_json(text: str) -> Any:
    """JSON, read with the same care as YAML: a key given twice is an error, not a loss."""

    def pairs(items: list[tuple[str, Any]]) -> LineDict:
        out = LineDict()
        for key, value in items:
            if key in out:
                raise YamlError(f"the key {key!r} appears twice; keep one")
            out[key] = value
        return out

    def number(digits: str) -> int:
        if len(digits) > _MAX_DIGITS:  # int() of 4,300 digits raises, and costs before that
            raise YamlError(_too_many_digits(len(digits.lstrip("-"))))
        return int(digits)

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_int=number)
    except json.JSONDecodeError as exc:
        raise YamlError(f"not valid JSON: {exc.msg}", exc.lineno) from exc
