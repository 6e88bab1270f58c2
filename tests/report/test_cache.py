"""A repeat download is served from the cache, not rendered again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from actcheck.services import report as report_module
from actcheck.services.report import ReportCache, ReportMeta, get_report, report_key

from .conftest import Rendered


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch, cv_report: Rendered) -> list[Any]:
    calls: list[Any] = []

    def fake_render(result: Any, meta: ReportMeta, **_: Any) -> bytes:
        calls.append(meta)
        return cv_report.pdf

    monkeypatch.setattr(report_module, "render_pdf", fake_render)
    return calls


def test_a_repeat_is_served_from_the_cache(
    tmp_path: Path, cv_report: Rendered, counted: list[Any]
) -> None:
    cache = ReportCache(tmp_path / "cache")
    meta = ReportMeta(assessed_on=dt.date(2026, 11, 28), reference="R-1")
    first = get_report(cv_report.result, meta, cache=cache)
    second = get_report(cv_report.result, meta, cache=cache)
    assert first == second == cv_report.pdf
    assert len(counted) == 1
    assert (cache.hits, cache.misses) == (1, 1)
    # Another instance sharing the folder is served too.
    assert get_report(cv_report.result, meta, cache=ReportCache(tmp_path / "cache")) == first
    assert len(counted) == 1


def test_the_key_follows_language_date_and_answers(cv_report: Rendered) -> None:
    base = ReportMeta(assessed_on=dt.date(2026, 11, 28), reference="R-1")
    key = report_key(cv_report.result, base)
    assert key == report_key(cv_report.result, base)
    assert key != report_key(cv_report.result, ReportMeta(base.assessed_on, "R-1", lang="fr"))
    assert key != report_key(cv_report.result, ReportMeta(dt.date(2026, 11, 29), "R-1"))


def test_the_cache_keeps_at_most_max_entries(tmp_path: Path) -> None:
    cache = ReportCache(tmp_path, max_entries=2)
    for n in range(4):
        cache.put(f"{n:064x}", b"%PDF")
    assert len(list(tmp_path.glob("*.pdf"))) == 2
    assert cache.get(f"{3:064x}") == b"%PDF"


def test_a_key_cannot_name_a_path(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a report key"):
        ReportCache(tmp_path).get("../../etc/passwd")


def test_the_cache_folder_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ReportCache.ENV, str(tmp_path / "x"))
    assert ReportCache.from_env(Path("/elsewhere")).directory == tmp_path / "x"
    monkeypatch.delenv(ReportCache.ENV)
    assert ReportCache.from_env(tmp_path / "y").directory == tmp_path / "y"


def test_the_default_cache_folder_is_private(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ReportCache.ENV, raising=False)
    folder = ReportCache.from_env().directory
    assert (folder.parent.stat().st_mode & 0o077) == 0
