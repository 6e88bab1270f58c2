"""The pages as a reader sees them: rendered to PNG with pdftoppm, none of them blank."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from .conftest import Rendered

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"
)


def _pages(pdf: bytes, folder: Path) -> list[Path]:
    source = folder / "report.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(source), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def _ink(path: Path) -> float:
    """The share of pixels that are not (nearly) white."""
    image = Image.open(path).convert("L")
    histogram = image.histogram()
    return 1 - sum(histogram[245:]) / (image.width * image.height)


@pytest.mark.parametrize("name", ["cv_report", "hostile_report"])
def test_every_page_renders_with_ink(
    name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    report: Rendered = request.getfixturevalue(name)
    pages = _pages(report.pdf, tmp_path)
    assert len(pages) == len(report.reader.pages)
    inks = [_ink(p) for p in pages]
    assert min(inks) > 0.01, inks
    assert inks[0] > 0.2  # the cover's band


def test_nothing_is_drawn_in_the_outer_margin(hostile_report: Rendered, tmp_path: Path) -> None:
    # A name that overflowed its box would spill into the page's right margin.
    for path in _pages(hostile_report.pdf, tmp_path)[1:]:
        image = Image.open(path).convert("L")
        margin = image.crop((image.width - 12, 0, image.width, image.height))
        assert margin.getextrema()[0] > 200, path.name
