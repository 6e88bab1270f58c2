"""The OpenAPI document the app serves is the one it served before it was generated from
declarations (issue 14): `fixtures/openapi-before.json`, saved from the hand-written
document. Clients and their generated code read its paths and schemas, so a change to it is
a change of the public API: it is made on purpose, in the fixture, in its own commit.

The fixture holds the rule set's version, hash and question texts: after a change to the
rule files, write it anew from the served document (`ACTCHECK_UPDATE_OPENAPI=1 ./dev test
tests/api/test_api_openapi_fixture.py`) and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).parent / "fixtures" / "openapi-before.json"


def normalised(value: Any) -> Any:
    """`value` with the lists whose order means nothing put in a fixed order: the names in
    `required` and an operation's `parameters` (known by where they are and their name).
    Mappings compare without regard to key order already."""
    if isinstance(value, dict):
        out = {key: normalised(item) for key, item in value.items()}
        if isinstance(out.get("required"), list):
            out["required"] = sorted(out["required"])
        if isinstance(out.get("parameters"), list):
            out["parameters"] = sorted(out["parameters"], key=lambda p: (p["in"], p["name"]))
        return out
    if isinstance(value, list):
        return [normalised(item) for item in value]
    return value


def differences(expected: Any, actual: Any, where: str = "") -> list[str]:
    """Where two JSON values differ, as JSON pointers (readable where `==` only says no)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return [
            found
            for key in sorted(expected.keys() | actual.keys())
            for found in (
                differences(expected[key], actual[key], f"{where}/{key}")
                if key in expected and key in actual
                else [f"{where}/{key}: {'missing' if key in expected else 'added'}"]
            )
        ]
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [
            found
            for index, (left, right) in enumerate(zip(expected, actual, strict=True))
            for found in differences(left, right, f"{where}/{index}")
        ]
    return [] if expected == actual else [f"{where}: {expected!r} became {actual!r}"]


def test_the_served_document_is_the_one_served_before(client: Any) -> None:
    expected = normalised(json.loads(FIXTURE.read_text(encoding="utf-8")))
    document = client.get("/api/v1/openapi.json").json
    if os.environ.get("ACTCHECK_UPDATE_OPENAPI") == "1":
        text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
        FIXTURE.write_text(text + "\n", encoding="utf-8")
    served = normalised(document)
    assert differences(expected, served) == []


def test_the_comparison_sees_a_changed_schema_but_not_a_reordered_list() -> None:
    before = {"required": ["a", "b"], "properties": {"a": {"type": "string"}}, "enum": [1, 2]}
    reordered = {"enum": [1, 2], "properties": {"a": {"type": "string"}}, "required": ["b", "a"]}
    changed = {**before, "properties": {"a": {"type": "integer"}}}
    assert differences(normalised(before), normalised(reordered)) == []
    assert differences(normalised(before), normalised(changed)) == [
        "/properties/a/type: 'string' became 'integer'"
    ]
    assert differences(before, {**before, "enum": [2, 1]}) == [
        "/enum/0: 1 became 2",
        "/enum/1: 2 became 1",
    ]
