"""Static files under fingerprinted URLs, so browsers may cache them for a year."""

from __future__ import annotations

import hashlib
from functools import cache

from flask import Flask, Response, request, url_for

from .config import REPO_ROOT

STATIC_DIR = REPO_ROOT / "static"
IMMUTABLE = "public, max-age=31536000, immutable"
FILE_ENDPOINTS = ("static", "pages.media")  # files served under fingerprinted URLs


@cache
def fingerprint(filename: str) -> str:
    """A short hash of the file's bytes; computed once per file per process."""
    path = STATIC_DIR / filename
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    except FileNotFoundError:
        return "missing"


def asset_url(filename: str) -> str:
    """The file's URL with `?v=<hash>`: the URL changes whenever the file does."""
    return url_for("static", filename=filename, v=fingerprint(filename))


def init_assets(app: Flask) -> None:
    app.jinja_env.globals["asset_url"] = asset_url
    # Fingerprinted URLs never change content, so they may be cached for a year.
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 31536000

    @app.after_request
    def cache_files(response: Response) -> Response:
        if request.endpoint not in FILE_ENDPOINTS:
            return response
        if request.args.get("v") and response.status_code == 200:
            response.headers["Cache-Control"] = IMMUTABLE
        else:
            response.headers["Cache-Control"] = "public, max-age=3600"
        return response
