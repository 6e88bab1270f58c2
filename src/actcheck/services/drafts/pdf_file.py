"""A `Draft` as a PDF, with the report's machinery: its Jinja environment (autoescaped,
`StrictUndefined`), its fonts, and `PackageAssetFetcher`, the fetcher that serves only the
package's own assets, so that nothing a founder typed can make WeasyPrint load anything."""

from __future__ import annotations

from weasyprint import HTML

from actcheck.rules.wording import format_date
from actcheck.services.drafts.content import Bullets, Draft, Filled, Para, Table, ToComplete
from actcheck.services.report.assets import STATIC_DIR
from actcheck.services.report.render import PackageAssetFetcher, shared_font_config
from actcheck.services.report.templates import environment, page_counter_css


def render_draft_html(draft: Draft) -> str:
    """The draft as one HTML document, print CSS inline (`templates/drafts/draft.html`)."""
    return (
        environment()
        .get_template("drafts/draft.html")
        .render(
            draft=draft,
            labels=draft.labels,
            made_on=format_date(draft.made_on, draft.lang),
            page_counter_css=page_counter_css(draft.labels.page),
            asset_base="",
            block_kind=block_kind,
        )
    )


def block_kind(block: object) -> str:
    """The template's name for a block's type."""
    kinds = {
        Para: "para",
        Bullets: "bullets",
        Filled: "filled",
        ToComplete: "todo",
        Table: "table",
    }
    return kinds[type(block)]


def render_draft_pdf(draft: Draft, *, url_fetcher: PackageAssetFetcher | None = None) -> bytes:
    """The draft as a PDF's bytes; `url_fetcher` lets tests see what was fetched."""
    fetcher = url_fetcher if url_fetcher is not None else PackageAssetFetcher()
    document = HTML(
        string=render_draft_html(draft), base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher
    )
    pdf: bytes = document.write_pdf(font_config=shared_font_config(), custom_metadata=True)
    return pdf
