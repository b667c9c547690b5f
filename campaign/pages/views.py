"""Content pages, the sitemap, robots.txt and the health check."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, abort, redirect, render_template, request

from ..content.pages import HOME_KEY, Page, url_path
from ..i18n import current_locale, localize_path, localized_route
from ..site_context import absolute, alternates, config, site

bp = Blueprint("pages", __name__)


def get_or_404(key: str, locale: str) -> Page:
    page = site().pages.get(key, locale)
    if page is None:
        abort(404)
    return page


def page_links(page: Page) -> dict:
    """Canonical URL, hreflang alternates and the language switcher of a content page."""
    translated = site().pages.translated_locales(page.key)
    return {
        "alternates": alternates(page.url_path, translated),
        "canonical": absolute(localize_path(page.url_path, page.locale, config().default_locale)),
        "switcher": [(loc, localize_path(page.url_path, loc, config().default_locale)) for loc in translated]
        if page.meta.get("withLocaleSwitcher") else [],
    }


def render_page(page: Page) -> str:
    return render_template("pages/page.html", page=page, press=site().press if page.meta.get("withPress") else (),
                           **page_links(page))


@localized_route(bp, "/")
def home() -> str:
    return render_page(get_or_404(HOME_KEY, current_locale()))


@localized_route(bp, "/<path:page_path>")
def page(page_path: str) -> str:
    if page_path == HOME_KEY:
        abort(404)  # the home page lives at "/" only
    return render_page(get_or_404(page_path, current_locale()))


@bp.route("/sitemap.xml")
def sitemap() -> Response:
    pages = site().pages
    entries = []
    for key in pages.keys():  # noqa: SIM118 (PageIndex is not a dict)
        translated = pages.translated_locales(key)
        for locale in config().locales:
            entries.append({
                "loc": absolute(localize_path(url_path(key), locale, config().default_locale)),
                "alternates": alternates(url_path(key), translated),
            })
    xml = render_template("sitemap.xml", entries=entries)
    return Response(xml, mimetype="application/xml")


@bp.route("/robots.txt")
def robots() -> Response:
    body = f"User-agent: *\nAllow: /\nSitemap: {absolute('/sitemap.xml')}\n"
    return Response(body, mimetype="text/plain")


@bp.route("/healthz")
def healthz() -> Response:
    return Response("ok", mimetype="text/plain")


def redirect_default_prefix(rest: str = "") -> Response:
    """`/ru/share` -> 301 `/share`: the default locale has one URL only."""
    target = "/" + rest
    if request.query_string:
        target += "?" + request.query_string.decode("latin-1")
    return redirect(target, code=301)


def register_default_prefix_redirect(app: Flask) -> None:
    default = app.config["CAMPAIGN"].default_locale
    app.add_url_rule(f"/{default}", "default_prefix_root", redirect_default_prefix)
    app.add_url_rule(f"/{default}/", "default_prefix", redirect_default_prefix)
    app.add_url_rule(f"/{default}/<path:rest>", "default_prefix", redirect_default_prefix)

