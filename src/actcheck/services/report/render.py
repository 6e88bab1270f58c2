"""Rendering: the report as HTML (`render_html`) and as a tagged PDF with the answers file
attached (`render_pdf`), with a font configuration kept per thread, and
`PackageAssetFetcher`, the only URL fetcher WeasyPrint gets: it serves the package's own
fonts and print assets and refuses every other URL (founders' text ends up in the report)."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import mimetypes
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from actcheck.rules.model import Result
from actcheck.services.report.assets import ASSET_SUFFIXES, STATIC_DIR
from actcheck.services.report.context import build_context
from actcheck.services.report.meta import ReportMeta, answers_file
from actcheck.services.report.templates import environment
from actcheck.services.report.words import Words, shorten
from actcheck.services.report_embed import ATTACHMENT_NAME

# The package's name: the logger the report has always logged to.
log = logging.getLogger(__package__)


class PackageAssetFetcher(URLFetcher):  # type: ignore[misc]
    """A WeasyPrint URL fetcher that serves the package's own assets and refuses the rest.

    Only `file:` URLs that resolve (after symlinks and `..`) to a file under one of `roots`
    with an asset suffix are read; every other URL (http, data, other files, anything a
    founder could have typed) is refused, logged and recorded in `refused`.
    """

    def __init__(self, roots: Sequence[Path] = (STATIC_DIR,)) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.fetched: list[str] = []
        self.refused: list[str] = []
        self._lock = threading.Lock()

    def local_path(self, url: str) -> Path | None:
        """The package file `url` names, or None when it may not be read."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        if parts.query or parts.fragment:
            return None
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve()
        except (OSError, ValueError):
            return None
        if path.suffix.lower() not in ASSET_SUFFIXES or not path.is_file():
            return None
        if not any(path.is_relative_to(root) for root in self.roots):
            return None
        return path

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = self.local_path(url)
        with self._lock:
            (self.refused if path is None else self.fetched).append(url)
        if path is None:
            log.warning("report: refused to fetch %.200s", url)
            raise ValueError(f"actcheck reports load only their own assets, not {url[:200]}")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": kind}
        )


def render_html(
    context: Mapping[str, Any],
    *,
    asset_base: str = "",
    preview: bool = False,
    style_nonce: str = "",
) -> str:
    """The report as one HTML document (print CSS inline).

    Args:
        context: from `build_context`.
        asset_base: prefix of the font URLs: "" for the PDF (resolved against the package's
            static folder), the URL of that folder (ending in "/") for a web preview.
        preview: a web preview (pages drawn as sheets on screen).
        style_nonce: the Content-Security-Policy nonce of the inline <style> (web preview).
    """
    template = environment().get_template("report/report.html")
    return template.render(
        **context, asset_base=asset_base, preview=preview, style_nonce=style_nonce
    )


_fonts = threading.local()


def _font_config() -> FontConfiguration:
    """This thread's WeasyPrint font configuration, kept from one report to the next.

    Registering the report's @font-face fonts with Fontconfig costs about half a second;
    a kept configuration finds them registered already (WeasyPrint keys them by their
    descriptors) and skips it. One per thread: Fontconfig objects are not shared across
    threads.
    """
    config: FontConfiguration | None = getattr(_fonts, "config", None)
    if config is None:
        config = FontConfiguration()
        _fonts.config = config
    return config


def shared_font_config() -> FontConfiguration:
    """This thread's font configuration, for other documents laid out with the report's
    fonts (the drafted documents, `services/drafts/pdf_file.py`), so they share its cost."""
    return _font_config()


def forget_fonts() -> None:
    """Start this thread's next report with a new font configuration, which fetches the
    fonts again (tests that watch every fetch)."""
    _fonts.config = None


_collector = threading.Lock()
_pauses = 0
_collector_was_on = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a report is laid out and written.

    WeasyPrint builds a few hundred thousand objects that all live until the PDF is
    written; every collection the interpreter starts meanwhile walks them (and everything
    imported) to find no garbage: an eighth of a report's CPU time (bench/report_bench.py).
    Reference counting still frees what it can, and the first collection after the report
    takes what cycles it left (a few megabytes meanwhile). Renders in several threads share
    one pause: the collector comes back with the last of them, and only if it was on.
    """
    global _pauses, _collector_was_on
    with _collector:
        if _pauses == 0:
            _collector_was_on = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _collector:
            _pauses -= 1
            if _pauses == 0 and _collector_was_on:
                gc.enable()


def render_pdf(
    result: Result,
    meta: ReportMeta,
    *,
    url_fetcher: PackageAssetFetcher | None = None,
    rules_dir: Path | None = None,
) -> bytes:
    """The PDF report: tagged (PDF/UA-1), with the answers file attached.

    Args:
        result: the assessment result.
        meta: date, reference, language, optional name overrides.
        url_fetcher: a `PackageAssetFetcher` (default: a new one); tests pass their own to
            see what was fetched.
        rules_dir: see `build_context`.
    """
    context = build_context(result, meta, rules_dir=rules_dir)
    html = render_html(context)
    fetcher = url_fetcher if url_fetcher is not None else PackageAssetFetcher()
    assessed = dt.datetime.combine(meta.assessed_on, dt.time(12, 0))
    header = (
        f"actcheck answers file, attached to report {shorten(meta.reference, 80)}\n"
        f"Assessed on {meta.assessed_on.isoformat()} with rule set {result.ruleset.version} "
        f"(sha256 {result.ruleset.sha256}).\n"
        "Assess again with: actcheck assess REPORT.pdf (or this file)."
    )
    attachment = Attachment(
        string=answers_file(result, header).encode("utf-8"),
        name=ATTACHMENT_NAME,
        description=Words(result.ruleset, meta.lang).t("attachment"),
        created=assessed,
        modified=assessed,
        relationship="Source",
    )
    with collector_paused():
        document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher)
        pdf: bytes = document.write_pdf(
            font_config=_font_config(),
            pdf_variant="pdf/ua-1",
            attachments=[attachment],
            custom_metadata=True,
        )
    return pdf
