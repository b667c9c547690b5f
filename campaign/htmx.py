"""What an htmx request asks for, read from the WSGI environ.

One predicate for the views, the error pages and the prebuilt responses, which answer before Flask builds a
request: that is why the project reads the header itself instead of through a request class.
"""

from __future__ import annotations


def asks_for_fragment(environ: dict) -> bool:
    """htmx swaps a fragment in. A history restore needs the whole page, and the site's htmx config
    (historyRestoreAsHxRequest: false) sends it without HX-Request: so this one header decides, and
    `Vary: HX-Request` names all a response depends on."""
    return environ.get("HTTP_HX_REQUEST") == "true"
