"""What every response and request goes through: strict headers, same-site redirects, no cross-site forms.

- Headers: a strict CSP, no referrers, no cookies, sensible caching.
- Redirects lead to a path of this site only: a Location is relative, normalised, free of control characters;
  the Host a request names is never used to build one (an attacker can send any Host).
- Forms: a POST that a browser says comes from another site (Sec-Fetch-Site, else Origin) is refused, so no
  other site can make this one show its text as a letter. Requests with neither header, as old browsers and some
  privacy tools send, are accepted.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from flask import Flask, Response, abort, redirect, request
from gunicorn.http.errors import ParseException
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from .config import Config

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "interest-cohort=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()"
)
HTML_MAX_AGE = 300
CACHED_TYPES = ("text/html", "application/xml", "text/plain")  # pages, the sitemap, robots.txt: 5 minutes
CONTROL = re.compile(r"[\x00-\x20\x7f\\]")  # no control characters, spaces or backslashes in a Location
log = logging.getLogger("campaign.security")


def security_headers() -> dict[str, str]:
    """The headers every response of every host carries (hosts.py adds those that differ by host)."""
    headers = {
        "Content-Security-Policy": CSP,
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }
    return headers


def same_site_path(url: str) -> str | None:
    """`url`'s path and query as a relative Location on this site, or None when it cannot safely be one."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    if not target.startswith("/") or target.startswith("//") or CONTROL.search(target):
        return None
    return target


def stays_on_site(location: str) -> bool:
    """Whether a Location leads to a page of this site: a relative reference, with no scheme or host."""
    parts = urlsplit(location)
    return not (parts.scheme or parts.netloc or location.startswith(("//", "/\\")) or CONTROL.search(location))


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def from_another_site(config: Config) -> bool:
    """Whether the browser says this POST was sent from a page of another site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    return origin.lower() not in (origin_of(config.base_url), origin_of(request.host_url))


def init_security(app: Flask, config: Config) -> None:
    # Added, not set: no view sets these, and adding a list skips looking for each one first (every response).
    headers = list(security_headers().items())

    @app.before_request
    def guard() -> Response | None:
        if request.method == "POST" and from_another_site(config):
            abort(403)
        if request.method == "POST":
            try:
                request.form  # noqa: B018 (read the body now, where a broken one is the client's error)
            except HTTPException:
                raise  # werkzeug's own: a body over the limit (413), a client gone mid-body (400)
            except (ValueError, OSError, ParseException):
                # A body that does not decode (ValueError, UnicodeDecodeError among them), a connection that broke,
                # or one gunicorn's reader refuses (a malformed chunk): the client's error. Any other exception
                # is a bug, and stays a 500.
                abort(400)
        error = request.routing_exception
        if isinstance(error, RequestRedirect):
            # werkzeug redirects "/kk" to "/kk/" and merges slashes, to an absolute URL built from the Host
            # header (Flask sends routing redirects as they are): send the same path as a relative Location.
            target = same_site_path(error.new_url)
            if target is None:
                abort(404)
            return redirect(target, code=error.code)
        return None

    @app.after_request
    def secure(response: Response) -> Response:
        response.headers.extend(headers)
        # The site never sets a cookie; drop one if any extension ever tries.
        response.headers.remove("Set-Cookie")
        location = response.headers.get("Location")
        if location is not None and not stays_on_site(location):
            # A safety net: no code path should get here. Never send a visitor elsewhere.
            log.error("refused a redirect that is not a path of this site")
            response = Response(status=404)
            response.headers.extend(headers)
        if request.method == "POST":
            # Pages built from what a visitor typed must not be kept by any cache, browser or proxy.
            response.headers["Cache-Control"] = "no-store"
        elif response.mimetype in CACHED_TYPES and response.status_code == 200:
            # Such GETs are prebuilt (prebuilt.py), which gives them their ETag and answers If-None-Match.
            response.headers.setdefault("Cache-Control", f"public, max-age={HTML_MAX_AGE}")
        return response
