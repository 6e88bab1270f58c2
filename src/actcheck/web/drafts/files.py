"""A drafted document as a download, the same for the result page's link and the API (a
module of its own: the API's views may not import the drafts' views, nor their package's
`init_app`)."""

from __future__ import annotations

from flask import Response

from actcheck.services import drafts


def draft_response(file: drafts.DraftFile) -> Response:
    """A draft's file as the web page and the API both serve it: an attachment, never
    rendered inline from our origin."""
    return Response(
        file.content,
        mimetype=file.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{file.filename}"',
            "X-Content-Type-Options": "nosniff",
        },
    )
