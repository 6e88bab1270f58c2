"""Rendering: the report as HTML (`render_html`) and as a tagged PDF with the answers file
attached (`render_pdf`), with a font configuration kept per thread."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from weasyprint import HTML, Attachment
from weasyprint.text.fonts import FontConfiguration

from actcheck.rules.model import Result
from actcheck.services.report.assets import STATIC_DIR
from actcheck.services.report.context import build_context
from actcheck.services.report.fetcher import PackageAssetFetcher
from actcheck.services.report.meta import ReportMeta, answers_file
from actcheck.services.report.templates import _environment
from actcheck.services.report.words import Words, shorten
from actcheck.services.report_embed import ATTACHMENT_NAME


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
    template = _environment().get_template("report/report.html")
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
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(
        font_config=_font_config(),
        pdf_variant="pdf/ua-1",
        attachments=[attachment],
        custom_metadata=True,
    )
    return pdf
