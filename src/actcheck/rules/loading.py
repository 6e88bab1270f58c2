"""Loading the rule set: from the process, from the caller's cache when no file changed, or
by reading and checking the files (`actcheck.rules.loader`, imported only then).

`actcheck assess` runs this on every start, so the way to a cached rule set reads no file
and imports neither the checking loader nor PyYAML nor the schemas: the cache key is made
from the size and modification time of every rule file and of the code that checks them,
as Python's own bytecode cache trusts a source file's size and time. An edited file, rule
or code, misses the cache and is read, hashed and checked again. Folders are plain strings
here (`os.path`): pathlib, with the URL parser it imports, costs that start-up too.
"""

from __future__ import annotations

import os

from actcheck.rules.model import Ruleset

TYPE_CHECKING = False  # as typing's, read by mypy: typing is not imported at run time
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Protocol

    class RulesetCache(Protocol):
        """Where a caller keeps rule sets that passed every check, by `cache_key` (the command
        line and the web app keep them as files, `actcheck.rules_cache`). The core never chooses
        a place on disk: the caller hands one in, or none."""

        def get(self, key: str) -> Ruleset | None: ...

        def put(self, key: str, ruleset: Ruleset) -> None: ...


class RulesetError(ValueError):
    """The rule set is invalid; `problems` holds one `file:line: what is wrong` per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _rules_folder() -> str:
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    shipped = os.path.join(package, "data", "rules")
    if os.path.isdir(shipped):
        return shipped
    return os.path.join(os.path.dirname(os.path.dirname(package)), "rules")


def default_rules_dir() -> Path:
    """`rules/` as shipped: inside the installed package, else beside `src/` in a checkout."""
    from pathlib import Path

    return Path(_rules_folder())


#: Rule sets loaded in this process, by directory, the newest last (at most `KEEP_LOADED`).
_LOADED: dict[str, Ruleset] = {}
KEEP_LOADED = 4


def load_ruleset(
    path: str | os.PathLike[str] | None = None, cache: RulesetCache | None = None
) -> Ruleset:
    """Load and validate the rule set, once per directory and process: a later call returns
    the same rule set, whatever cache it names.

    Reading and checking the YAML is most of the start-up time of `actcheck assess`, so once
    a rule set has passed every check it goes to `cache` (when given) under `cache_key`. The
    next run with the same files and code takes it from there; any other file, or other
    code, misses the cache and is read and checked again.

    Raises:
        RulesetError: listing every problem found.
    """
    root = os.fspath(path) if path is not None else _rules_folder()
    ruleset = _LOADED.get(root)
    if ruleset is None:
        ruleset = _read_ruleset(root, cache)
        _LOADED[root] = ruleset
        while len(_LOADED) > KEEP_LOADED:
            del _LOADED[next(iter(_LOADED))]
    return ruleset


def forget_loaded() -> None:
    """Drop the rule sets loaded in this process (a test that edits rule files)."""
    _LOADED.clear()


def _read_ruleset(root: str, cache: RulesetCache | None) -> Ruleset:
    key = cache_key(root) if cache is not None else ""
    ruleset = cache.get(key) if cache is not None else None
    if ruleset is None:
        from pathlib import Path

        from actcheck.rules.loader import read_and_check

        ruleset = read_and_check(Path(root))
        if cache is not None:
            cache.put(key, ruleset)
    return ruleset


#: The code a cached rule set depends on: this package (how files are read, checked and
#: compiled, and the classes it is made of) and the rule files' schemas.
CODE = os.path.dirname(os.path.realpath(__file__))


def _files(folder: str, suffixes: tuple[str, ...]) -> list[tuple[str, os.stat_result]]:
    """Every file under `folder` whose name ends in one of `suffixes`, with its status,
    by path relative to `folder` (sorted: the key must not depend on the listing order)."""
    found = []
    for where, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if name != "__pycache__"]
        for name in names:
            if name.endswith(suffixes):
                full = os.path.join(where, name)
                found.append((os.path.relpath(full, folder), os.stat(full)))
    return sorted(found)


def cache_key(root: str | os.PathLike[str]) -> str:
    """The key a checked rule set is cached under: the path, size and modification time of
    every rule file under `root`, and of the code and schemas that check and build it, so
    that new code never reads what old code built, nor trusts a check it did not make
    itself.

    Not a hash but the list itself, one line a file: a cache compares it whole (as
    `actcheck.rules_cache` does), so no two states of the files can share an entry, and
    no hash library is loaded to make it.
    """
    lines = []
    for label, folder, suffixes in (("rules", root, (".yaml",)), ("code", CODE, (".py", ".json"))):
        lines.append(label)
        lines.extend(
            f"{name!r} {info.st_size} {info.st_mtime_ns}"
            for name, info in _files(os.fspath(folder), suffixes)
        )
    return "\n".join(lines)
