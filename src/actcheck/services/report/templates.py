"""The report's Jinja environment, its CSS-escaping filter, and `template_version`, the
digest of the templates, print CSS and messages that cache keys and PDFs record."""

from __future__ import annotations

import contextlib
import hashlib
import re
from functools import lru_cache

import jinja2
from markupsafe import Markup

from actcheck.services.report.assets import report_templates_dir

#: Bump when the report's code-side wording or structure changes; template, CSS and message
#: edits change the template digest by themselves (see `template_version`).
TEMPLATE_VERSION = "1"


def _css_string(value: str) -> Markup:
    """A CSS string literal for `value`, every character outside [A-Za-z0-9 ] escaped, so
    no text can end the string or the rule it sits in (safe inside <style> as it is)."""
    out = []
    for char in value:
        if char.isascii() and (char.isalnum() or char == " "):
            out.append(char)
        else:
            # Six hex digits and the space that ends the escape (CSS consumes it).
            out.append(f"\\{ord(char):06x} ")
    # Every character that could matter to HTML or CSS is escaped above.
    return Markup('"' + "".join(out) + '"')  # noqa: S704


def page_counter_css(template: str) -> Markup:
    """`Page {page} of {pages}` as CSS content: strings and page counters."""
    parts = re.split(r"(\{page\}|\{pages\})", template)
    out = []
    for part in parts:
        if part == "{page}":
            out.append("counter(page)")
        elif part == "{pages}":
            out.append("counter(pages)")
        elif part:
            out.append(str(_css_string(part)))
    return Markup(" ".join(out))  # noqa: S704 - built from _css_string and counters only


class QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache, for which a folder that cannot be read or written (a full
    or read-only temporary directory) only costs the compile, never the report."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        return QuietBytecodeCache()
    except (OSError, RuntimeError):  # no private temporary folder to be had
        return None


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The report's Jinja environment, its compiled templates kept between processes.

    Compiling report.html is about a fiftieth of a whole `actcheck report` process; Jinja's
    own bytecode cache (a folder of this user's in the temporary directory, which Jinja
    creates private and checks the owner of) keys each compiled template by its name and
    source, so an edited template is compiled again.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(report_templates_dir())),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = _css_string
    return env


@lru_cache(maxsize=1)
def template_version() -> str:
    """`TEMPLATE_VERSION` and a digest of the report templates, print CSS and messages."""
    digest = hashlib.sha256(TEMPLATE_VERSION.encode())
    folder = report_templates_dir() / "report"
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return f"{TEMPLATE_VERSION}.{digest.hexdigest()[:12]}"
