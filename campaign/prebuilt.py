"""Responses that depend only on their path and locale, built once and then served without running the app.

The content pages, the wizard's start page and its GET steps, the sitemap, robots.txt and each locale's 404 page
are rendered by the app itself on first use, with nothing but their path (and, for wizard steps, whether htmx
asks for the fragment): the same bytes a fresh rendering gives. Each is kept with a strong ETag and its gzip and
brotli bodies, compressed once at the best level. A request then costs a lookup, the choice of an encoding, a
304 when the visitor's copy is current, and the headers.

An open campaign's pages count the days to its deadline, so while it is open they are rebuilt on the first
request of each new day in the campaign's time zone.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import brotli
from werkzeug.test import EnvironBuilder, run_wsgi_app
from werkzeug.wrappers import Response

from .compression import choose_encoding
from .htmx import asks_for_fragment

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]
BUILDING = "campaign.prebuilding"  # set in the environ of the request that builds an entry
UNSTORED = {"content-length", "etag", "content-encoding"}
LASTING = {200, 301, 303, 307, 308, 404}  # the statuses an entry is kept with


@dataclass(frozen=True)
class Variant:
    body: bytes
    etag: str


COMPRESS = {"gzip": lambda body: gzip.compress(body, compresslevel=9, mtime=0),
            "br": lambda body: brotli.compress(body, quality=11)}


@dataclass(frozen=True)
class Prebuilt:
    status: str
    headers: tuple[tuple[str, str], ...]  # all but the length, the ETag and the encoding, which vary
    variants: dict[str, Variant]  # "identity", and "gzip" and "br" once first asked for
    day: dt.date | None  # the day it was built for, when it depends on the day

    @classmethod
    def from_response(cls, status: str, headers: Iterable[tuple[str, str]], body: bytes,
                      day: dt.date | None) -> Prebuilt:
        kept = [(k, v) for k, v in headers if k.lower() not in UNSTORED]
        vary = [v for k, v in kept if k.lower() == "vary"]
        if not any("accept-encoding" in v.lower() for v in vary):
            kept = [(k, v) for k, v in kept if k.lower() != "vary"]
            kept.append(("Vary", ", ".join([*vary, "Accept-Encoding"])))
        tag = hashlib.sha256(body).hexdigest()[:20]
        return cls(status, tuple(kept), {"identity": Variant(body, f'"{tag}"')}, day)

    def variant(self, encoding: str) -> Variant:
        """The body in `encoding`, compressed at the best level the first time it is asked for."""
        if encoding not in self.variants:
            identity = self.variants["identity"]
            self.variants[encoding] = Variant(COMPRESS[encoding](identity.body),
                                              f'{identity.etag[:-1]}-{encoding}"')
        return self.variants[encoding]

    def response(self, environ: dict) -> Response:
        """This entry as a response to `environ`: the encoding it accepts, or a 304 for a current copy."""
        encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING"))
        variant = self.variant(encoding)
        headers = [*self.headers, ("ETag", variant.etag)]
        if encoding != "identity":
            headers.append(("Content-Encoding", encoding))
        if self.status.startswith("200") and matches(environ.get("HTTP_IF_NONE_MATCH"), variant.etag):
            return Response(status=304, headers=[(k, v) for k, v in headers if k.lower() != "content-type"])
        body = b"" if environ.get("REQUEST_METHOD") == "HEAD" else variant.body
        response = Response(body, status=self.status, headers=headers)
        response.headers["Content-Length"] = str(len(variant.body))
        return response


def matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


class Prebuilder:
    """WSGI middleware: GET and HEAD requests for known paths are answered from prebuilt responses."""

    def __init__(self, app: WSGIApp, paths: dict[str, bool], base_url: str,
                 today: Callable[[], dt.date] | None) -> None:
        self.app = app
        self.paths = paths  # path -> whether it varies by HX-Request (a wizard step)
        self.base_url = base_url
        self.today = today  # set when pages depend on the day (an open campaign's days left)
        self.entries: dict[tuple[str, bool], Prebuilt] = {}

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or path not in self.paths or BUILDING in environ:
            return self.app(environ, start_response)
        fragment = self.paths[path] and asks_for_fragment(environ)
        return self.entry(path, fragment).response(environ)(environ, start_response)

    def entry(self, path: str, fragment: bool = False) -> Prebuilt:
        """The entry for `path` (and the htmx fragment), built now if it is not built yet or out of date."""
        key = (path, fragment)
        day = self.today() if self.today else None
        entry = self.entries.get(key)
        if entry is None or entry.day != day:
            headers = {"Accept-Encoding": "identity"}
            if fragment:
                headers["HX-Request"] = "true"
            environ = EnvironBuilder(path=path, base_url=self.base_url, headers=headers).get_environ()
            environ[BUILDING] = True
            app_iter, status, response_headers = run_wsgi_app(self.app, environ)
            try:
                body = b"".join(app_iter)
            finally:
                if hasattr(app_iter, "close"):
                    app_iter.close()
            entry = Prebuilt.from_response(status, response_headers.to_wsgi_list(), body, day)
            if int(status.split(" ", 1)[0]) in LASTING:
                self.entries[key] = entry  # a server error is answered, never kept
        return entry

