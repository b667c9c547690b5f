"""Content codings: which one a response is sent in, and the compression of the responses built per request.

One negotiation serves both kinds of response (`choose_encoding`). Responses that depend only on their path are
compressed once, at the best level (prebuilt.py), static files at build time (assets.py). What is left, the
wizard's answers to a POST, is compressed here as it is sent, at the fastest levels: brotli quality 1, or gzip
level 1 for a client without brotli. On the about step's 4.2 KB fragment brotli 1 takes about 22 µs for 1.66 KB,
where quality 4 took about 90 µs for 1.42 KB: a quarter of a kilobyte is not worth three times the work on every
POST. The window is 64 KB, larger than any response here (brotli's default is 4 MB).
"""

from __future__ import annotations

import gzip
from functools import lru_cache

import brotli
from flask import Flask, Response, request
from werkzeug.datastructures import Accept
from werkzeug.http import parse_accept_header

# What the site can send, in its order of preference among codings the client weighs alike.
ENCODINGS = ("br", "gzip", "identity")
TEXT_TYPES = frozenset({"text/html", "text/plain", "application/xml"})
MIN_SIZE = 500  # below this, compression saves less than its headers and work cost
FAST = {"br": lambda body: brotli.compress(body, quality=1, lgwin=16),
        "gzip": lambda body: gzip.compress(body, compresslevel=1, mtime=0)}


# Browsers send a handful of distinct values; parsing one costs about 15 µs, a cache hit well under one.
@lru_cache(maxsize=64)
def choose_encoding(accept_encoding: str | None) -> str:
    """br, gzip or identity: the one the client weighs most (q-values, `*`, refusals by `;q=0`), as werkzeug
    reads the header. No header, or nothing acceptable, is identity: a body without a coding is always readable,
    and RFC 9110 lets a server send one rather than a 406."""
    if not accept_encoding:
        return "identity"
    return parse_accept_header(accept_encoding, Accept).best_match(ENCODINGS, default="identity")


def init_compression(app: Flask) -> None:
    @app.after_request
    def compress(response: Response) -> Response:
        if (response.status_code != 200 or response.mimetype not in TEXT_TYPES or response.is_streamed
                or response.direct_passthrough or "Content-Encoding" in response.headers):
            return response
        response.vary.add("Accept-Encoding")
        encoding = choose_encoding(request.headers.get("Accept-Encoding"))
        body = response.get_data()
        if encoding != "identity" and len(body) >= MIN_SIZE:
            response.set_data(FAST[encoding](body))
            response.headers["Content-Encoding"] = encoding
        return response
