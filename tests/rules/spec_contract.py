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


def parse_spec(text: str) -> dict[str, tuple[str, list[str]]]:
    """Question id -> (kind, values) as the spec's tables give them."""
    out: dict[str, tuple[str, list[str]]] = {}
    areas: list[str] = []
    for qid, kind, rest in re.findall(
        r"^\| `([a-z_]+\.[a-z0-9_]+)` \| ([^|]+) \|(.*)$", text, re.M
    ):
        kind = kind.strip()
        if kind in KINDS:
            values = re.findall(r"`([a-z_]+)`", rest) if kind in ("one of", "any of") else []
            out[qid] = (KINDS[kind], values)
        else:
            areas.append(qid)  # the Annex III table: value | point
    out["annex_iii.areas"] = ("any_of", areas)
    return out
