"""Read the question table of the answers format (shared/spec/answers-format.md)."""

from __future__ import annotations

import re
from pathlib import Path

KINDS = {
    "tri-state": "tri_state",
    "yes/no": "yes_no",
    "one of": "one_of",
    "any of": "any_of",
    "text": "text",
}
SPEC = Path(__file__).resolve().parents[3] / "shared/spec/answers-format.md"


ADDED = re.compile(r"added in rule set (\d{4}\.\d+)")
WIDENED = re.compile(r"^(.+?) \((.+?) before rule set (\d{4}\.\d+)\)$")


def parse_spec(text: str, version: str | None = None) -> dict[str, tuple[str, list[str]]]:
    """Question id -> (kind, values) as the spec's tables give them.

    With `version` (a rule-set version such as "2026.1"), the spec as that rule set must
    implement it: questions "added in rule set" a later version are left out, and a kind
    widened later ("tri-state (yes/no before rule set 2026.3)") is the earlier kind.
    """
    out: dict[str, tuple[str, list[str]]] = {}
    areas: list[str] = []
    for qid, kind, rest in re.findall(
        r"^\| `([a-z_]+\.[a-z0-9_]+)` \| ([^|]+) \|(.*)$", text, re.M
    ):
        kind = kind.strip()
        widened = WIDENED.match(kind)
        if widened:
            later, earlier, since = widened.groups()
            kind = earlier if version is not None and version < since else later
        if kind in KINDS:
            added = ADDED.search(rest)
            if version is not None and added and version < added.group(1):
                continue
            values = re.findall(r"`([a-z_]+)`", rest) if kind in ("one of", "any of") else []
            out[qid] = (KINDS[kind], values)
        else:
            areas.append(qid)  # the Annex III table: value | point
    out["annex_iii.areas"] = ("any_of", areas)
    return out
