"""List every text in rules/ that lacks a language.

Usage: python scripts/missing_translations.py fr [FILES...]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from actcheck.rules.yamlio import line_of, load_yaml

ROOT = Path(__file__).resolve().parents[1] / "rules"


def walk(value: Any, lang: str, where: str, out: list[str], line: int = 0) -> None:
    line = line_of(value) or line
    if isinstance(value, dict):
        if "en" in value and isinstance(value["en"], str) and lang not in value:
            out.append(f"{where}:{line}: no {lang!r} text for: {value['en'][:60]!r}")
        for item in value.values():
            walk(item, lang, where, out, line)
    elif isinstance(value, list):
        for item in value:
            walk(item, lang, where, out, line)


def main() -> None:
    lang = sys.argv[1]
    files = [Path(f) for f in sys.argv[2:]] or sorted(ROOT.rglob("*.yaml"))
    out: list[str] = []
    for file in files:
        walk(load_yaml(file.read_bytes()), lang, str(file), out)
    print("\n".join(out))
    print(f"{len(out)} text(s) without {lang!r}")
    sys.exit(1 if out else 0)


if __name__ == "__main__":
    main()
