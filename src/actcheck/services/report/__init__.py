"""The PDF report: the document a founder sends to an investor, a lawyer or an auditor.

`build_context` turns a `Result` and the report's metadata into plain values for the
template; `render_html` renders `templates/report/report.html` (Jinja, autoescaped,
`StrictUndefined`); `render_pdf` lays it out with WeasyPrint, tagged (PDF/UA-1), with the
answers file attached and the rule set recorded in the document information; `ReportCache`
keeps finished PDFs on disk so that a repeat download is not rendered again.

Founders' text (company and system names, descriptions) ends up in the document, so the
template escapes it, and WeasyPrint only ever gets `PackageAssetFetcher`, which serves the
package's own fonts and refuses every other URL.

Words: the rule set's labels for what the command line and the web pages share (tiers,
roles, scope reasons), `messages` for the report's own (English; their translations in
the interface's catalogues, keyed by `msgctxt`), and
`rules/report/*.yaml` for the legal content the core does not hold (penalty bands, SME
support), each with its articles and source status.

No Flask here: the `actcheck report` command and the web app share this package. Its
public API is four verbs, each one module a report passes through:

- build: `build_context` (`context`), from the parts below;
- render: `render_html`, `render_pdf`, `PackageAssetFetcher` (`render`);
- cache: `get_report`, `cached_report`, `report_key`, `owner_tag`, `ReportStore` and its
  directory implementation `ReportCache` (`cache`); the database one, `DatabaseReportCache`
  (`store`), is imported by the app only when configured;
- embed: `answers_from_pdf`, `origin_from_pdf`, `ReportOrigin`, `ATTACHMENT_NAME`: the
  answers a PDF carries, re-exported from `actcheck.services.report_embed`, which stays
  outside the package so that `actcheck assess report.pdf` reads them without importing
  WeasyPrint (this package imports it).

What `build_context` is made from, in the order a report is made: `assets` (where the
static files and templates are), `words` (the report's words in one language), `law`
(penalty bands and SME support from `rules/report/*.yaml`), `meta` (`ReportMeta`, the
answers a report carries), `views` (the plain values the template reads), `witness`
(which answers made a rule's condition hold), `builder` (`ReportParts`) and `timeline`,
`penalties`, `open_points` (functions of it, no mixins), `templates` (the Jinja
environment and `template_version`), `plan_status` (the compliance plan as the report
shows it, `ReportMeta.plan`). `plan_snapshot` reads that plan from the database: like
`store`, the app imports it itself, so the command line never loads the plan's services.

Everything callers use is importable from here, as `actcheck.services.report.NAME`.
"""

from __future__ import annotations

from actcheck.services.report.assets import (
    ASSET_SUFFIXES,
    PACKAGE_DIR,
    STATIC_DIR,
    report_templates_dir,
)
from actcheck.services.report.cache import (
    ReportCache,
    ReportStore,
    cached_report,
    get_report,
    owner_tag,
    report_key,
)
from actcheck.services.report.context import (
    HEADER_NAME,
    SHORT_NAME,
    SME_SIZES,
    build_context,
)
from actcheck.services.report.law import (
    PenaltyBand,
    ReportDataError,
    ReportLaw,
    SizeRule,
    SupportItem,
    load_report_law,
)
from actcheck.services.report.meta import (
    ReportMeta,
    answers_file,
    default_reference,
    report_answers,
)
from actcheck.services.report.open_points import OpenPoint
from actcheck.services.report.penalties import SEVERITY, BandView, SupportView
from actcheck.services.report.render import (
    PackageAssetFetcher,
    forget_fonts,
    render_html,
    render_pdf,
)
from actcheck.services.report.templates import TEMPLATE_VERSION, template_version
from actcheck.services.report.timeline import Timeline, TimelineEvent
from actcheck.services.report.views import (
    AnswerView,
    AppendixSection,
    ObligationView,
    Ref,
    RoleGroup,
    Section,
    TraceStep,
    article_href,
)
from actcheck.services.report.words import (
    SHORT_MONTHS,
    Words,
    first_sentence,
    shorten,
)
from actcheck.services.report_embed import (
    ATTACHMENT_NAME,
    ReportOrigin,
    answers_from_pdf,
    origin_from_pdf,
)

__all__ = [
    "ASSET_SUFFIXES",
    "ATTACHMENT_NAME",
    "HEADER_NAME",
    "PACKAGE_DIR",
    "SEVERITY",
    "SHORT_MONTHS",
    "SHORT_NAME",
    "SME_SIZES",
    "STATIC_DIR",
    "TEMPLATE_VERSION",
    "AnswerView",
    "AppendixSection",
    "BandView",
    "ObligationView",
    "OpenPoint",
    "PackageAssetFetcher",
    "PenaltyBand",
    "Ref",
    "ReportCache",
    "ReportDataError",
    "ReportLaw",
    "ReportMeta",
    "ReportOrigin",
    "ReportStore",
    "RoleGroup",
    "Section",
    "SizeRule",
    "SupportItem",
    "SupportView",
    "Timeline",
    "TimelineEvent",
    "TraceStep",
    "Words",
    "answers_file",
    "answers_from_pdf",
    "article_href",
    "build_context",
    "cached_report",
    "default_reference",
    "first_sentence",
    "forget_fonts",
    "get_report",
    "load_report_law",
    "origin_from_pdf",
    "owner_tag",
    "render_html",
    "render_pdf",
    "report_answers",
    "report_key",
    "report_templates_dir",
    "shorten",
    "template_version",
]
