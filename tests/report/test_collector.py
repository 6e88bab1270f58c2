"""The cyclic garbage collector is paused while a report is laid out, and comes back."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from actcheck.services.report import render


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.enable()
    yield
    if not was_on:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_the_collector_is_off_inside_and_on_after() -> None:
    with render.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_the_collector_comes_back_after_an_error() -> None:
    with pytest.raises(RuntimeError), render.collector_paused():
        raise RuntimeError("layout failed")
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_overlapping_renders_share_one_pause() -> None:
    inside, release = threading.Event(), threading.Event()

    def other_render() -> None:
        with render.collector_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other_render)
    thread.start()
    inside.wait(5)
    with render.collector_paused():
        pass
    assert not gc.isenabled()  # the other render is still laying out
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    was_on = gc.isenabled()
    gc.disable()
    try:
        with render.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        if was_on:
            gc.enable()


@pytest.mark.usefixtures("collector_on")
def test_the_pdf_is_written_with_the_collector_paused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from .conftest import ROOT, assess_file
    from .conftest import render as render_report

    seen: list[bool] = []
    real_html = render.HTML

    class WatchedHTML(real_html):  # type: ignore[misc, valid-type]
        def write_pdf(self, *args: object, **kwargs: object) -> bytes:
            seen.append(gc.isenabled())
            return bytes(super().write_pdf(*args, **kwargs))

    monkeypatch.setattr(render, "HTML", WatchedHTML)
    from actcheck.rules import load_ruleset

    rendered = render_report(assess_file(load_ruleset(), ROOT / "examples" / "cv-screening.yaml"))
    assert seen == [False]
    assert gc.isenabled()
    assert rendered.pdf.startswith(b"%PDF")
