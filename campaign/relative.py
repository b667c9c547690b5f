"""Every internal URL leaves the site relative to the page it stands in.

Inside the app, URLs are built root-absolute by `url_for` ("/kk/share", "/static/css/site.css?v=…"), as if the
site sat at the root of its host. As a response leaves, they are rewritten relative to the page's own path:
"../kk/share" from "/kk/petition", "./static/…" from "/". One rule, applied at the edge, because:

- the same bytes then work wherever the site is mounted (under a path prefix, behind a proxy that strips one)
  and in a static copy opened from a sub-folder, a ZIP, an IPFS gateway or from disk: nothing names the root;
- pages built once at start-up (prebuilt.py), and pieces rendered once and shown on pages at several depths
  (the campaign's outcome, the footer), need no knowledge of where they will be shown;
- a relative URL depends only on how deep the page sits, not on what it is, so the rewrite is one substitution.

Each URL climbs to the site's root and goes down again ("../../static/…"), never shortened by a common prefix:
that keeps it a function of the page's depth alone, so one 404 page serves every path of a depth.
"""

from __future__ import annotations

import re

from flask import Flask, Response, request

# An internal URL in an attribute the site writes: href, src, a form's action and formaction, htmx's post.
# Typed text never matches: it is escaped, so a quote in it is never a bare `"`.
URL_ATTRIBUTES = r'(\s(?:href|src|action|formaction|data-hx-post)=")'
ATTRIBUTE = re.compile(URL_ATTRIBUTES + r"/(?![/\\])")
# A URL as this module writes it: relative, starting with ./ or ../ (the export turns these into file names).
RELATIVE = re.compile(URL_ATTRIBUTES + r'(\.\.?/[^"]*)"')


def depth(path: str) -> int:
    """How many folders down the page at `path` sits ("/" and "/share": 0; "/kk/share" and "/kk/": 1)."""
    return max(path.count("/") - 1, 0)


def to_root(path: str) -> str:
    """The relative URL of the site's root from the page at `path`."""
    return "../" * depth(path) or "./"


def relative(url: str, path: str) -> str:
    """`url`, a root-absolute URL of this site, as seen from the page at `path`."""
    return to_root(path) + url[1:] if url.startswith("/") and not url.startswith("//") else url


def relink(html: str, path: str) -> str:
    """Every internal URL in `html` made relative to the page at `path`."""
    return ATTRIBUTE.sub(r"\1" + to_root(path), html)


LINK_HEADERS = ("Location", "HX-Push-Url")


class Relinked(Response):
    """A page whose body is relative already: drawn from text relinked once for its depth (the wizard's question
    steps, from skeletons), so the rewrite below need not read it again."""


def init_relative(app: Flask) -> None:
    """Rewrite each response's internal URLs. Register after compression: Flask runs `after_request` hooks in
    the reverse order, so this one sees the body before it is compressed."""

    @app.after_request
    def relative_urls(response: Response) -> Response:
        for name in LINK_HEADERS:
            if name in response.headers:
                response.headers[name] = relative(response.headers[name], request.path)
        if response.mimetype == "text/html" and not response.direct_passthrough \
                and "Content-Encoding" not in response.headers and not isinstance(response, Relinked):
            response.set_data(relink(response.get_data(as_text=True), request.path))
        return response
