"""Response headers for every response: a strict CSP, no referrers, no cookies, sensible caching."""

from __future__ import annotations

from flask import Flask, Response, request

from .config import Config

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "interest-cohort=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()"
)
HTML_MAX_AGE = 300


def security_headers(config: Config) -> dict[str, str]:
    headers = {
        "Content-Security-Policy": CSP,
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }
    if config.hsts:
        headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    return headers


def init_security(app: Flask, config: Config) -> None:
    headers = security_headers(config)

    @app.after_request
    def secure(response: Response) -> Response:
        response.headers.update(headers)
        # The site never sets a cookie; drop one if any extension ever tries.
        response.headers.remove("Set-Cookie")
        if request.method == "POST":
            # Pages built from what a visitor typed must not be kept by any cache, browser or proxy.
            response.headers["Cache-Control"] = "no-store"
        elif response.mimetype == "text/html" and response.status_code == 200:
            response.headers.setdefault("Cache-Control", f"public, max-age={HTML_MAX_AGE}")
            if not response.direct_passthrough:
                response.add_etag()
                response.make_conditional(request)
        return response
