"""The URL fetcher serves the package's own assets and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from actcheck.services.report import STATIC_DIR, PackageAssetFetcher

FONT = STATIC_DIR / "fonts" / "Inter-Regular.otf"


def test_a_package_font_is_served() -> None:
    fetcher = PackageAssetFetcher()
    response = fetcher.fetch(FONT.as_uri())
    assert response.read()[:4] == FONT.read_bytes()[:4]
    assert fetcher.fetched == [FONT.as_uri()]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///etc/hosts",
        FONT.as_uri().replace("fonts/Inter-Regular.otf", "../../../../../etc/passwd"),
        FONT.as_uri().replace("fonts/Inter-Regular.otf", "fonts/LICENSE-Inter.txt"),
        FONT.as_uri() + "?x=1",
        "file://evil.example/share/font.otf",
        "http://example.com/font.otf",
        "https://example.com/x.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "ftp://example.com/x.css",
    ],
)
def test_everything_else_is_refused(url: str) -> None:
    fetcher = PackageAssetFetcher()
    with pytest.raises(ValueError, match="only their own assets"):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    assert fetcher.fetched == []


def test_a_symlink_out_of_the_package_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "static"
    root.mkdir()
    (root / "evil.ttf").symlink_to("/etc/passwd")
    fetcher = PackageAssetFetcher(roots=(root,))
    with pytest.raises(ValueError, match="only their own assets"):
        fetcher.fetch((root / "evil.ttf").as_uri())
