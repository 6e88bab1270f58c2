"""Where the parsed rule documents are cached: never in the home directory, and chosen by
the command line or the web app, never by the pure core (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from actcheck import rules_cache
from actcheck.rules import loader


def test_the_command_line_caches_beside_the_package_and_the_app_in_its_instance(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("ACTCHECK_CACHE_DIR", raising=False)
    assert rules_cache.for_command_line().folder == rules_cache.PACKAGE / "__rulescache__"
    assert rules_cache.for_instance(tmp_path).folder == tmp_path / "rules-cache"
    monkeypatch.setenv("ACTCHECK_CACHE_DIR", str(tmp_path / "shared"))
    assert rules_cache.for_command_line().folder == tmp_path / "shared"
    assert rules_cache.for_instance(tmp_path).folder == tmp_path / "shared"


def test_loading_writes_the_cache_it_is_given_and_nothing_in_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    loader.forget_loaded()
    try:
        loader.load_ruleset()  # no cache given: nothing is written anywhere
        assert list(home.rglob("*")) == []
        loader.forget_loaded()
        cache = rules_cache.FolderCache(tmp_path / "cache")
        loader.load_ruleset(cache=cache)
        written = list((tmp_path / "cache").glob("rules-v*.json"))
        assert len(written) == 1
        assert list(home.rglob("*")) == []
    finally:
        loader.forget_loaded()


def test_a_damaged_cache_file_is_read_as_no_cache(tmp_path: Path) -> None:
    cache = rules_cache.FolderCache(tmp_path)
    sha = loader.ruleset_sha256(loader.default_rules_dir())
    cache.file(sha).write_text("{not json", encoding="utf-8")
    assert cache.get(sha) is None
    cache.file(sha).write_text("[1, 2]", encoding="utf-8")
    assert cache.get(sha) is None


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = rules_cache.FolderCache(blocker / "cache")
    loader.forget_loaded()
    try:
        assert loader.load_ruleset(cache=cache).questions
    finally:
        loader.forget_loaded()
