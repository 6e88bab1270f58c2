"""The key a rendered draft is kept under, and asked of the background queue by.

A key names one file exactly: the assessment (by its owner tag) and its version, the
answers and the rule-set hash, the kind, the format, the language, the date printed on it,
and the content version (this package's wording and renderers, the PDF's template and
CSS, actcheck's version). Any change to any of them is a new key, so a draft made for an
old version of the answers is never served for a new one, and a wording change in a new
release renders every draft afresh.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from actcheck.rules.answers import dump_answers
from actcheck.rules.model import Result
from actcheck.services.report.assets import report_templates_dir
from actcheck.version import __version__

#: Raise to render every stored draft afresh when nothing in the digest below changes.
CONTENT_VERSION = "1"


@lru_cache(maxsize=1)
def content_version() -> str:
    """`CONTENT_VERSION` and a digest of the drafts' modules and their PDF template."""
    digest = hashlib.sha256(CONTENT_VERSION.encode())
    folders = (Path(__file__).resolve().parent, report_templates_dir() / "drafts")
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".html", ".css"}:
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return f"{CONTENT_VERSION}.{digest.hexdigest()[:12]}"


def draft_key(
    result: Result,
    *,
    kind: str,
    fmt: str,
    lang: str,
    made_on: dt.date,
    owner: str,
    version: int,
) -> str:
    """The 64-hex key of one draft file (see the module's docstring); `owner` is the
    assessment's owner tag (`report.owner_tag`), `version` its version."""
    parts = {
        "draft": kind,
        "format": fmt,
        "lang": lang,
        "made_on": made_on.isoformat(),
        "owner": owner,
        "version": version,
        "answers": dump_answers(dict(result.answers), result.ruleset),
        "ruleset": result.ruleset.sha256,
        "content": content_version(),
        "actcheck": __version__,
    }
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()
