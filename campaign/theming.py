"""The campaign's theme stylesheet (content/theme.py) at `/theme.css?v=<hash>`.

Built once at start-up and then served like the other responses that depend only on their path (prebuilt.py:
compressed once, a strong ETag), cacheable for a year: its URL changes whenever the campaign's colours do. Behind
nginx it is passed to the app like a page, since it is not a file in static/.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, url_for

from .assets import ONE_YEAR


def theme() -> Response:
    response = Response(current_app.extensions["campaign_site"].theme.stylesheet, mimetype="text/css")
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    return response


def theme_url() -> str:
    return url_for("theme", v=current_app.extensions["campaign_site"].theme.version)


def init_theming(app: Flask) -> None:
    app.add_url_rule("/theme.css", "theme", theme)
    app.jinja_env.globals["theme_url"] = theme_url
