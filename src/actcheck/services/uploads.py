"""Answers files from strangers: parse them without letting one file hurt the server.

`actcheck.rules.answers.parse_document` reads a founder's own file (the CLI). Over the web
and the API the same bytes come from anyone, and two inputs that a file of at most 1 MB can
still hold must be refused before they are read:

- YAML anchors and aliases (`&a`, `*a`): nine nested lists of nine aliases each are a few
  hundred bytes, yet every error message that quotes the value writes out 9^9 items
  (gigabytes). An answers file never needs them.
- JSON nested thousands of levels deep: Python's JSON reader recurses and fails with a
  RecursionError, which is not a problem with the file the founder can read about.
Both are refused with `AnswersError`, like any other problem with the file.
"""

from __future__ import annotations

from typing import Any

import yaml

from actcheck.rules.answers import AnswersError, parse_document

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _has_alias(text: str) -> bool:
    """Whether a YAML document uses an alias (malformed YAML: no, parse_document says why)."""
    try:
        return any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=_Loader))
    except yaml.YAMLError:
        return False


def parse_upload(data: bytes, *, name: str) -> Any:
    """`parse_document`, refusing what would make the server work without bound.

    Raises:
        AnswersError: every problem `parse_document` finds, or an alias, or nesting too deep.
    """
    if b"*" in data:  # no asterisk, no alias: most files skip the extra pass
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None  # parse_document says it is not UTF-8
        if text is not None and not text.lstrip().startswith("{") and _has_alias(text):
            raise AnswersError(
                [
                    f"{name} uses YAML aliases (*name): write each answer out in full; an "
                    "answers file has no use for anchors and aliases."
                ]
            )
    try:
        return parse_document(data, name=name)
    except RecursionError:
        raise AnswersError(
            [f"{name} is nested too deeply to be an answers file: check that it is one."]
        ) from None
