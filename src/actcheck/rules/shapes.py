"""Rule-file shapes: each kind of rule file checked against its JSON Schema, every failure in
plain words with the entry it is in and the line.

The schemas ship in `actcheck/rules/schemas/` (draft 2020-12), where editors can use them too
(docs/rules-format.md, "Editors"); the loader keeps only the checks a schema cannot make,
those across files. A schema's `errorMessage` (the key VS Code and yaml-language-server show
instead of their own words) is also what a failure here says, so editor and loader agree.

Only a rule set read from its YAML is checked, and each validator is built once per process.
jsonschema-rs says quickly whether a file fits; only a file that does not is handed to
jsonschema, imported then, to explain every failure (the two read the same schema files).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from actcheck.rules.located import line_of

if TYPE_CHECKING:
    import jsonschema_rs
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

#: Where the schemas are: package data, beside this module in a checkout and in the wheel
#: (a path, not `importlib.resources`, whose import alone costs a cached start-up 10 ms).
SCHEMAS = Path(__file__).resolve().parent / "schemas"
#: The kinds of rule file, each with its schema `schemas/KIND.schema.json`, and what the
#: whole file is called in a message.
KINDS: Mapping[str, str] = {
    "ruleset": "ruleset",
    "dates": "dates.yaml",
    "conditions": "conditions.yaml",
    "questions": "section",
    "classification": "classification file",
    "obligations": "obligations file",
    "scenarios": "scenario file",
}
#: The schema every other one refers to for the shapes they share.
COMMON = "common"

#: A list whose entries a message names by what they are (and their id, when they have one).
_ENTRIES = {
    "questions": "question",
    "rules": "rule",
    "obligations": "obligation",
    "dates": "date",
    "cases": "case",
    "tests": "test",
    "choices": "choice",
    "sources": "source",
    "articles": "article reference",
}
#: Entries of a whole file: a message starts from them rather than from the file.
_TOP = ("questions", "rules", "obligations", "dates", "cases", "conditions")
_TYPES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "empty",
}


@cache
def schema(kind: str) -> dict[str, Any]:
    """The schema of one kind of rule file (or `COMMON`), parsed once per process."""
    parsed: dict[str, Any] = json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8"))
    return parsed


#: The name both validators know the schemas by (never fetched: every schema is registered).
BASE = "https://actcheck.invalid/rules/schemas/"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _as_json(value: Any) -> Any:
    """A parsed document as JSON holds it, keys as text and dates as ISO text.

    JSON Schema knows no dates: editors see `2026-12-03` as text, the loader as a date. A
    date written in quotes is YAML text and no date: it keeps its quotes here, so that
    `format: date` refuses it as the loader always has.
    """
    if isinstance(value, Mapping):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")  # a time of day: not a date
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return f'"{value}"'
    return value


def _wrapper(kind: str) -> dict[str, str]:
    return {"$ref": f"{BASE}{kind}.schema.json"}


@cache
def _gate(kind: str) -> jsonschema_rs.Validator:
    """A fast yes or no for one kind of file (jsonschema-rs, compiled once per process):
    a valid rule set, the usual case, costs a few milliseconds instead of half a second."""
    import jsonschema_rs

    registry = jsonschema_rs.Registry(
        [(f"{BASE}{name}.schema.json", schema(name)) for name in (COMMON, *KINDS)]
    )
    return jsonschema_rs.Draft202012Validator(
        _wrapper(kind), registry=registry, validate_formats=True
    )


@cache
def _explainer(kind: str) -> Validator:
    """The validator whose errors become messages (jsonschema: each error carries the schema
    it broke, with its `errorMessage`), built the first time a file of `kind` fails."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    registry: Registry[Any] = Registry().with_resources(
        (f"{BASE}{name}.schema.json", Resource.from_contents(schema(name), DRAFT202012))
        for name in (COMMON, *KINDS)
    )
    checker = Draft202012Validator.FORMAT_CHECKER
    return Draft202012Validator(_wrapper(kind), registry=registry, format_checker=checker)


def shape_problems(doc: Any, kind: str) -> list[tuple[int, str]]:
    """What is wrong with the shape of one parsed rule file, as (line, message) pairs in
    file order, each message naming the entry and what to write instead; [] when it fits.

    `kind` is one of `KINDS`; the line is 0 when the file does not say.
    """
    instance = _as_json(doc)
    if _gate(kind).is_valid(instance):
        return []
    found: list[tuple[int, str]] = []
    for error in _explainer(kind).iter_errors(instance):
        path = list(error.absolute_path)
        line = _line(doc, path)
        place = _place(doc, path, KINDS[kind])
        found += [(line, message) for message in _messages(error, place)]
    unique = dict.fromkeys(found)  # one failure can come through two branches of a schema
    return sorted(unique, key=lambda problem: problem[0])


def _child(node: Any, part: str | int) -> Any:
    if isinstance(node, list) and isinstance(part, int) and part < len(node):
        return node[part]
    if isinstance(node, Mapping):
        for key, value in node.items():
            if str(key) == part:
                return value
    return None


def _line(doc: Any, path: Sequence[str | int]) -> int:
    """The line of the innermost mapping along `path` that knows its line."""
    line, node = line_of(doc), doc
    for part in path:
        node = _child(node, part)
        line = line_of(node) or line
    return line


def _place(doc: Any, path: Sequence[str | int], root: str) -> list[str]:
    """Where in the file, in words: the entry ("rule annex-iii-4a"), then the keys within
    ("then", "source 2")."""
    words, node, parent = [root], doc, ""
    for depth, part in enumerate(path):
        node = _child(node, part)
        if depth == 1 and parent in _TOP:
            words = [_entry(parent, part, node)]
        elif isinstance(part, int) and parent in _ENTRIES:
            words[-1] = _entry(parent, part, node)  # "source 2" says "sources" already
        else:
            words.append(f"item {part + 1}" if isinstance(part, int) else part)
        parent = str(part)
    return words


def _entry(collection: str, part: str | int, node: Any) -> str:
    noun = _ENTRIES.get(collection, "condition")
    if isinstance(part, str):  # conditions.yaml: named, not listed
        return f"{noun} {part}"
    if not isinstance(node, Mapping):
        return noun if collection == "articles" else f"{noun} {part + 1}"
    name = node.get("id") or node.get("value")
    if isinstance(name, str):
        return f"{noun} {name}"
    if isinstance(node.get("name"), str):
        return f"{noun} {node['name']!r}"
    return f"{noun} {part + 1}"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 100 else text[:99] + "…"


def _messages(error: ValidationError, place: list[str]) -> Iterator[str]:
    head, rest = place[0], " ".join(place[1:])
    label = f"{head} {rest}" if rest else head
    # jsonschema types these as maybe unset; an error from `iter_errors` has them all.
    keyword, instance, value, broken = (
        error.validator,
        cast(Any, error.instance),
        cast(Any, error.validator_value),
        cast(Mapping[str, Any], error.schema),
    )
    hint = broken.get("errorMessage")
    if keyword == "required" and hint:
        yield f"{label}: {hint}"
    elif keyword == "required":
        for key in value:
            if key not in instance:
                yield f"{label}: {key!r} is required"
    elif keyword == "additionalProperties":
        known = sorted(broken.get("properties", {}))
        for key in instance:
            if key not in known:
                yield f"{label}: unknown key {key!r}; allowed: {', '.join(known)}"
    elif hint and isinstance(instance, Mapping | list):
        yield f"{label}: {hint}"
    elif hint:
        yield f"{head}: {rest} {_shown(instance)} {hint}"
    elif keyword == "type":
        words = " or ".join(_TYPES[t] for t in ([value] if isinstance(value, str) else value))
        yield f"{label} must be {words}, not {_shown(instance)}"
    elif keyword in ("enum", "const"):
        allowed = value if keyword == "enum" else [value]
        yield f"{label}: {_shown(instance)} is not one of {', '.join(map(str, allowed))}"
    elif keyword in ("minItems", "minProperties"):
        yield f"{label} must not be empty"
    else:
        yield f"{label}: {error.message}"
