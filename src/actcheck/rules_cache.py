"""Where checked rule sets are kept between runs (`actcheck.rules.loading`'s `RulesetCache`):
a folder of files, one per `cache_key` (the size and time of the rule files and of the code
that checked them), each a frozen rule set (`actcheck.rules.frozen`).

Reading and checking the YAML rule files is most of the start-up time of `actcheck assess`,
so a rule set that passed every check once is thawed from this folder afterwards. The folder
is chosen here, never by the pure core, and never in the user's home directory:

- `ACTCHECK_CACHE_DIR` when set (a shared or read-only install points it elsewhere);
- the command line: `__rulescache__` beside the package, like Python's `__pycache__`;
- the web app: `rules-cache` in its instance folder.

A folder that cannot be written only costs start-up time. Like `__pycache__`, the folder must
be writable only by whoever runs actcheck: a file that someone else owns, or that others may
write to, is not read (it is read again from the YAML instead).
"""

from __future__ import annotations

import os
import stat
import zlib
from dataclasses import dataclass

from actcheck.rules.frozen import FORMAT, FrozenError, freeze, thaw
from actcheck.rules.model import Ruleset

TYPE_CHECKING = False  # as typing's, read by mypy: typing is not imported at run time
if TYPE_CHECKING:
    from pathlib import Path

#: This package's folder (a string: the command line reads the cache without pathlib).
PACKAGE = os.path.dirname(os.path.realpath(__file__))


@dataclass(frozen=True)
class FolderCache:
    """One file per cache key in `folder` (hashable: `load_ruleset` is cached by its
    arguments).

    A file is named by a checksum of its key and begins with the key itself, which a read
    compares whole: two keys that share a checksum only take each other's place.
    """

    folder: str | os.PathLike[str]

    def _name(self, key: str) -> str:
        name = f"ruleset-v{FORMAT}-{zlib.crc32(key.encode()):08x}.pickle"
        return os.path.join(os.fspath(self.folder), name)

    def file(self, key: str) -> Path:
        from pathlib import Path

        return Path(self._name(key))

    def get(self, key: str) -> Ruleset | None:
        try:
            with open(self._name(key), "rb") as handle:
                if not _trusted(os.fstat(handle.fileno())):
                    return None
                data = handle.read()
        except OSError:
            return None
        wanted = _header(key)
        if not data.startswith(wanted):
            return None
        try:
            return thaw(data[len(wanted) :])
        except FrozenError:
            return None

    def put(self, key: str, ruleset: Ruleset) -> None:
        target = self.file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(_header(key) + freeze(ruleset))
            tmp.chmod(0o644)  # others may read it, only its owner may change it
            tmp.replace(target)  # atomic: a concurrent reader sees the old file or the new one
        except OSError:
            pass


def _header(key: str) -> bytes:
    """What a cache file begins with: its key's length and the key."""
    raw = key.encode()
    return len(raw).to_bytes(4, "big") + raw


def _trusted(info: os.stat_result) -> bool:
    """Whether a cache file is the current user's (or root's) and nobody else may write it
    (where the system has owners and modes: not on Windows, where the folder's rights
    decide)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # pragma: no cover - Windows
        return True
    owner_ok = info.st_uid in (getuid(), 0)
    return owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _configured() -> str | None:
    return os.environ.get("ACTCHECK_CACHE_DIR") or None


def for_command_line() -> FolderCache:
    """The command line's cache: `ACTCHECK_CACHE_DIR`, else beside the package."""
    return FolderCache(_configured() or os.path.join(PACKAGE, "__rulescache__"))


def for_instance(instance_path: str | os.PathLike[str]) -> FolderCache:
    """The web app's cache: `ACTCHECK_CACHE_DIR`, else in the instance folder."""
    return FolderCache(_configured() or os.path.join(os.fspath(instance_path), "rules-cache"))
