"""Static files and the campaign's media, under fingerprinted URLs (`?v=<hash>`), cacheable for a year.

When gunicorn serves alone, WhiteNoise answers for them before the app runs: it sends the gzip and brotli files
`make assets` compressed beside each text file at build time (nothing is compressed per request), with the
site's security headers. Behind nginx, nginx serves /static/ itself (deploy/nginx/).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, url_for
from whitenoise import WhiteNoise

from .config import REPO_ROOT
from .security import security_headers

STATIC_DIR = REPO_ROOT / "static"
ONE_YEAR = 31536000


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


def serve_files(app: Flask) -> None:
    headers = security_headers()

    def add_headers(response_headers, path: str, url: str) -> None:
        for name, value in headers.items():
            response_headers[name] = value

    # Every reference the site makes carries the file's hash, so a changed file has a new URL: a year is safe.
    files = WhiteNoise(app.wsgi_app, root=STATIC_DIR, prefix="static/", max_age=ONE_YEAR,
                       immutable_file_test=lambda path, url: True, allow_all_origins=False,
                       add_headers_function=add_headers)
    media = Path(app.config["CAMPAIGN"].content_dir) / "media"
    if media.is_dir():
        files.add_files(str(media), prefix="media/")
    app.wsgi_app = files
