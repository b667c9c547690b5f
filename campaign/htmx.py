"""What an htmx request asks for, read from the WSGI environ.

One predicate for the views and for the prebuilt responses, which answer before Flask builds a request: that is
why the project reads the two headers itself instead of through a request class.
"""

from __future__ import annotations


def asks_for_fragment(environ: dict) -> bool:
    """htmx swaps a fragment in, except when it restores its history (then it needs the whole page)."""
    return environ.get("HTTP_HX_REQUEST") == "true" and environ.get("HTTP_HX_HISTORY_RESTORE_REQUEST") != "true"
