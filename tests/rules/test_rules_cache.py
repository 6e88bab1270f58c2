"""Where checked rule sets are cached: never in the home directory, and chosen by the
command line or the web app, never by the pure core (issue 14); what the cache gives back is
the rule set the files make, and a changed file is checked again (issue 16)."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actcheck import rules_cache
from actcheck.rules import frozen, loader, loading
from actcheck.rules.loading import RulesetError

ROOT = Path(__file__).resolve().parents[2]


def test_the_command_line_caches_beside_the_package_and_the_app_in_its_instance(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("ACTCHECK_CACHE_DIR", raising=False)

    def folder(cache: rules_cache.FolderCache) -> Path:
        return Path(cache.folder)

    package = Path(rules_cache.PACKAGE)
    assert package == Path(rules_cache.__file__).resolve().parent
    assert folder(rules_cache.for_command_line()) == package / "__rulescache__"
    assert folder(rules_cache.for_instance(tmp_path)) == tmp_path / "rules-cache"
    monkeypatch.setenv("ACTCHECK_CACHE_DIR", str(tmp_path / "shared"))
    assert folder(rules_cache.for_command_line()) == tmp_path / "shared"
    assert folder(rules_cache.for_instance(tmp_path)) == tmp_path / "shared"


def test_loading_writes_the_cache_it_is_given_and_nothing_in_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    loading.forget_loaded()
    try:
        loading.load_ruleset()  # no cache given: nothing is written anywhere
        assert list(home.rglob("*")) == []
        loading.forget_loaded()
        cache = rules_cache.FolderCache(tmp_path / "cache")
        loading.load_ruleset(cache=cache)
        written = list((tmp_path / "cache").glob("ruleset-v*.pickle"))
        assert len(written) == 1
        assert list(home.rglob("*")) == []
    finally:
        loading.forget_loaded()


def test_a_damaged_cache_file_is_read_as_no_cache(tmp_path: Path) -> None:
    cache = rules_cache.FolderCache(tmp_path)
    sha = loader.ruleset_sha256(loading.default_rules_dir())
    cache.file(sha).write_text("{not json", encoding="utf-8")
    assert cache.get(sha) is None
    cache.file(sha).write_text("[1, 2]", encoding="utf-8")
    assert cache.get(sha) is None


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = rules_cache.FolderCache(blocker / "cache")
    loading.forget_loaded()
    try:
        assert loading.load_ruleset(cache=cache).questions
    finally:
        loading.forget_loaded()


def _load(root: Path, cache: rules_cache.FolderCache) -> loader.Ruleset:
    loading.forget_loaded()
    try:
        return loading.load_ruleset(root, cache=cache)
    finally:
        loading.forget_loaded()


def test_a_changed_rule_file_is_checked_again_never_served_stale(
    rules_copy: Path, tmp_path: Path
) -> None:
    cache = rules_cache.FolderCache(tmp_path / "cache")
    first = _load(rules_copy, cache)
    assert len(list(cache.folder.glob("*.pickle"))) == 1
    dates = rules_copy / "dates.yaml"
    text = dates.read_text()

    dates.write_text(text.replace("status: confirmed", "status: sure", 1))
    with pytest.raises(RulesetError) as refused:
        _load(rules_copy, cache)
    assert any("rules/dates.yaml:" in p and "sure" in p for p in refused.value.problems)

    dates.write_text(text + "\n# a comment changes the bytes, not the law\n")
    changed = _load(rules_copy, cache)
    assert changed.sha256 != first.sha256  # read from the files, not the first rule set
    assert len(list(cache.folder.glob("*.pickle"))) == 2

    dates.write_text(text)
    assert _load(rules_copy, cache).sha256 == first.sha256


def test_a_rule_set_cached_by_other_code_is_not_read(
    rules_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key covers the code that checked the rule set: new checks are never skipped."""
    code = tmp_path / "code"
    shutil.copytree(loading.CODE, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(loading, "CODE", code)
    key = loading.cache_key(rules_copy)
    assert key == loading.cache_key(rules_copy)
    checks = code / "loader.py"
    checks.write_text(checks.read_text() + "\n# a new check\n")
    changed = loading.cache_key(rules_copy)
    assert changed != key
    schema = next((code / "schemas").glob("*.json"))
    os.utime(schema, ns=(0, 0))  # same bytes, another time: checked again, as for a rule file
    assert loading.cache_key(rules_copy) not in (key, changed)


def test_an_unchanged_rule_set_is_taken_from_the_cache_without_reading_a_rule_file(
    rules_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cached path reads no rule file: the key is the files' sizes and times."""
    cache = rules_cache.FolderCache(tmp_path / "cache")
    first = _load(rules_copy, cache)
    read: list[Path] = []
    real = Path.read_bytes

    def spy(path: Path) -> bytes:
        read.append(path)
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", spy)
    again = _load(rules_copy, cache)
    assert again.sha256 == first.sha256
    assert again is not first
    assert [p for p in read if p.suffix == ".yaml"] == []


def test_a_cache_file_others_may_write_is_not_read(tmp_path: Path) -> None:
    cache = rules_cache.FolderCache(tmp_path)
    _load(loading.default_rules_dir(), cache)
    key = loading.cache_key(loading.default_rules_dir())
    assert cache.get(key) is not None
    cache.file(key).chmod(0o664)
    assert cache.get(key) is None
    cache.file(key).chmod(0o644)
    assert cache.get(key) is not None


def test_two_keys_sharing_a_file_name_never_take_each_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file begins with its whole key: a checksum that two keys share only costs time."""
    monkeypatch.setattr(
        rules_cache.FolderCache, "_name", lambda self, key: str(Path(self.folder) / "one")
    )
    cache = rules_cache.FolderCache(tmp_path)
    ruleset = _load(loading.default_rules_dir(), rules_cache.FolderCache(tmp_path / "first"))
    cache.put("rules a", ruleset)
    assert cache.get("rules a") is not None
    assert cache.get("rules b") is None
    assert cache.get("rules") is None  # a key that the stored key begins with


class _Evil:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("echo pwned",))


def test_a_cache_file_naming_anything_but_rule_classes_is_refused(tmp_path: Path) -> None:
    data = pickle.dumps((frozen.FORMAT, _Evil()))
    with pytest.raises(frozen.FrozenError, match="may not name"):
        frozen.thaw(data)
    cache = rules_cache.FolderCache(tmp_path)
    cache.file("k").write_bytes((1).to_bytes(4, "big") + b"k" + data)  # the key, then the pickle
    assert cache.get("k") is None
    with pytest.raises(frozen.FrozenError):
        frozen.thaw(b"not a pickle")
    with pytest.raises(frozen.FrozenError, match="another layout"):
        frozen.thaw(pickle.dumps((frozen.FORMAT + 1, None)))


def test_a_thawed_rule_set_assesses_as_the_parsed_one(tmp_path: Path) -> None:
    """Conditions are pickled as the makers and arguments they were made from."""
    from actcheck.rules.answers import parse_document, read_answers
    from actcheck.rules.engine import assess

    parsed = _load(loading.default_rules_dir(), rules_cache.FolderCache(tmp_path / "a"))
    thawed = frozen.thaw(frozen.freeze(parsed))
    document = parse_document((ROOT / "examples/cv-screening.yaml").read_bytes())
    for lang in ("en", "fr"):
        results = [
            assess(rs, read_answers(document, rs).answers).to_dict(lang) for rs in (parsed, thawed)
        ]
        assert results[0] == results[1]
    assert frozen.thaw(frozen.freeze(thawed)).sha256 == parsed.sha256  # and again


def _command(args: list[str], cache: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "ACTCHECK_CACHE_DIR": str(cache)}
    run = [sys.executable, "-m", "actcheck", *args]
    return subprocess.run(run, env=env, capture_output=True, check=False, cwd=ROOT)


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "examples/cv-screening.yaml", "--json"],
        ["assess", "examples/cv-screening.yaml", "--json", "--lang", "fr"],
        ["assess", "examples/cv-screening.yaml", "--as-of", "2026-11-28"],
        ["questions", "--json"],
    ],
    ids=["json", "json-fr", "summary", "questions"],
)
def test_the_command_prints_the_same_bytes_cold_and_warm(tmp_path: Path, args: list[str]) -> None:
    cache = tmp_path / "cache"
    cold = _command(args, cache)
    assert cold.returncode == 0, cold.stderr
    assert list(cache.glob("*.pickle")), "the cold run did not fill the cache"
    warm = _command(args, cache)
    assert (warm.returncode, warm.stdout, warm.stderr) == (0, cold.stdout, cold.stderr)
    shutil.rmtree(cache)
    assert _command(args, cache).stdout == cold.stdout
