"""Where the parsed rule documents are kept between runs (`actcheck.rules.loader`'s
`DocumentCache`): a folder of JSON files, one per rule-set hash.

Reading the YAML rule files is most of the start-up time of `actcheck assess`, so a rule set
that passed every check once is rebuilt from this JSON afterwards. The folder is chosen here,
never by the pure core, and never in the user's home directory:

- `ACTCHECK_CACHE_DIR` when set (a shared or read-only install points it elsewhere);
- the command line: `__rulescache__` beside the package, like Python's `__pycache__`;
- the web app: `rules-cache` in its instance folder.

A folder that cannot be written only costs start-up time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actcheck.rules.loader import CACHE_FORMAT, decode_documents, encode_documents

PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class FolderCache:
    """One JSON file per rule-set hash in `folder` (hashable: `load_ruleset` is cached by
    its arguments)."""

    folder: Path

    def file(self, sha: str) -> Path:
        return self.folder / f"rules-v{CACHE_FORMAT}-{sha[:32]}.json"

    def get(self, sha: str) -> dict[str, Any] | None:
        try:
            return decode_documents(self.file(sha).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, sha: str, docs: dict[str, Any]) -> None:
        target = self.file(sha)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(encode_documents(docs), encoding="utf-8")
            tmp.replace(target)  # atomic: a concurrent reader sees the old file or the new one
        except OSError:
            pass


def _configured() -> Path | None:
    folder = os.environ.get("ACTCHECK_CACHE_DIR")
    return Path(folder) if folder else None


def for_command_line() -> FolderCache:
    """The command line's cache: `ACTCHECK_CACHE_DIR`, else beside the package."""
    return FolderCache(_configured() or PACKAGE / "__rulescache__")


def for_instance(instance_path: str | Path) -> FolderCache:
    """The web app's cache: `ACTCHECK_CACHE_DIR`, else in the instance folder."""
    return FolderCache(_configured() or Path(instance_path) / "rules-cache")
