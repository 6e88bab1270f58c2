"""`PackageAssetFetcher`, the only URL fetcher WeasyPrint gets: it serves the package's own
fonts and print assets and refuses every other URL (founders' text ends up in the report)."""

from __future__ import annotations

import logging
import mimetypes
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from actcheck.services.report.assets import ASSET_SUFFIXES, STATIC_DIR

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
